/** A storage configuration that cannot be used: names the key, what it is and the valid form.
 * A RangeError, like every other bad option of a topology. */
export class StorageConfigError extends RangeError {
  constructor(where: string, preset: unknown, problem: string) {
    super(
      `invalid storage config "${String(preset)}" (${where}): ${problem}. Fix the storage option of the ` +
        'topology or .moonpoolrc.json, or start from a preset: perfect, default, hostile, random.',
    );
    this.name = 'StorageConfigError';
  }
}
