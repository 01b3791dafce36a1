import { Module } from '@nestjs/common';
import { RegisterFactsRepository } from './register-facts.repository.js';
import { RegisterReadModel } from './register-read-model.js';

/**
 * The register's read model on its own, depending on no feature module: the modules that change
 * the facts (practitioners, credentials, claims) import it to keep entries current, and the
 * register module reads through it.
 */
@Module({
  providers: [RegisterReadModel, RegisterFactsRepository],
  exports: [RegisterReadModel, RegisterFactsRepository],
})
export class RegisterReadModelModule {}
