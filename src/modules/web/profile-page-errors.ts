import { PageNotFoundError } from './page-errors.js';

/** A download that is not the visitor's (or does not exist): the same not-found page either way. */
export class PageError404 extends PageNotFoundError {
  constructor() {
    super('There is no such credential in your account.');
  }
}
