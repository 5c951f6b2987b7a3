/** A decorator was used wrongly. Thrown when the declaring file is imported, so discovery can
 * report it with the file and the fix before any seed runs. */
export class DefinitionError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
    this.name = 'DefinitionError';
  }
}
