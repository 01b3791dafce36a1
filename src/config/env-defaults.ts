// Defaults main.ts needs before the environment is validated (env.validation.ts loads
// class-validator, about 0.16 s): the embedded database starts opening from them first.

export const DEFAULT_DATA_DIR = './data';
export const DEFAULT_DATABASE_POOL_SIZE = 10;
