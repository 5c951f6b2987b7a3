import type { GuardSession } from './guard-session.js';
import type { RngStream } from './rng.js';

/** Web Crypto's per-call limit for getRandomValues. */
const GET_RANDOM_VALUES_BYTES_MAX = 65_536;
/** randomInt's range limit (max - min), as in Node. */
const RANDOM_INT_RANGE_MAX = 2 ** 48;

type Callback<T> = (error: Error | null, value: T) => void;

function invalidArg(message: string): TypeError {
  return Object.assign(new TypeError(message), { code: 'ERR_INVALID_ARG_TYPE' });
}

function outOfRange(message: string): RangeError {
  return Object.assign(new RangeError(message), { code: 'ERR_OUT_OF_RANGE' });
}

function bytesOf(target: unknown, api: string): Uint8Array {
  if (ArrayBuffer.isView(target)) return new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
  if (target instanceof ArrayBuffer || target instanceof SharedArrayBuffer) return new Uint8Array(target);
  throw invalidArg(`The "buf" argument of ${api} must be an instance of ArrayBuffer or ArrayBufferView.`);
}

/**
 * node:crypto's and Web Crypto's randomness on the seed's own `crypto` stream: randomBytes,
 * randomFill(Sync), randomInt, randomUUID and getRandomValues. Callback forms call back as an
 * event of the calling task, as the real ones call back on a later turn.
 */
export class GuardCrypto {
  constructor(
    private readonly session: GuardSession,
    private readonly stream: RngStream,
  ) {}

  private fill(api: string, view: Uint8Array): void {
    if (!this.session.virtual) this.session.reject(api);
    let word = 0;
    for (let i = 0; i < view.length; i++) {
      if ((i & 3) === 0) word = this.stream.int(0, 0xffffffff);
      view[i] = word & 0xff;
      word >>>= 8;
    }
    this.session.bytes(api, view);
  }

  /** Calls `callback` with `value()` as an event of the calling task. */
  private later<T>(callback: Callback<T>, value: () => T): void {
    this.session.world.schedule(0, 'crypto-callback', () => callback(null, value()), true);
  }

  readonly randomBytes = (size: number, callback?: Callback<Buffer>): Buffer | undefined => {
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > 2 ** 31 - 1) {
      throw outOfRange(`The value of "size" is out of range. It must be >= 0 && <= ${2 ** 31 - 1}. Received ${String(size)}`);
    }
    const make = () => {
      const buffer = Buffer.alloc(size);
      this.fill('crypto.randomBytes()', buffer);
      return buffer;
    };
    if (callback === undefined) return make();
    if (typeof callback !== 'function') throw invalidArg('The "callback" argument of crypto.randomBytes must be of type function.');
    if (!this.session.virtual) this.session.reject('crypto.randomBytes()');
    this.later(callback, make);
    return undefined;
  };

  readonly randomFillSync = <T>(target: T, offset = 0, size?: number): T => {
    const bytes = bytesOf(target, 'crypto.randomFillSync');
    const end = size === undefined ? bytes.length : offset + size;
    if (!(Number.isInteger(offset) && offset >= 0 && end <= bytes.length && end >= offset)) {
      throw outOfRange(`crypto.randomFillSync: offset ${offset} and size ${size} do not fit a buffer of ${bytes.length} bytes`);
    }
    this.fill('crypto.randomFillSync()', bytes.subarray(offset, end));
    return target;
  };

  readonly randomFill = <T>(target: T, ...rest: unknown[]): void => {
    const callback = rest.pop() as Callback<T>;
    if (typeof callback !== 'function') throw invalidArg('The "callback" argument of crypto.randomFill must be of type function.');
    if (!this.session.virtual) this.session.reject('crypto.randomFill()');
    const [offset, size] = rest as [number | undefined, number | undefined];
    bytesOf(target, 'crypto.randomFill');
    this.later(callback, () => this.randomFillSync(target, offset, size));
  };

  readonly randomInt = (...args: unknown[]): number | undefined => {
    const callback = typeof args[args.length - 1] === 'function' ? (args.pop() as Callback<number>) : undefined;
    const [min, max] = args.length === 1 ? [0, args[0]] : [args[0], args[1]];
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) {
      throw invalidArg(`The "min" and "max" arguments of crypto.randomInt must be safe integers. Received ${String(min)} and ${String(max)}`);
    }
    const lo = min as number;
    const hi = max as number;
    if (!(hi > lo) || hi - lo > RANDOM_INT_RANGE_MAX) {
      throw outOfRange(`The value of "max" is out of range. It must be greater than the value of "min" (${lo}) and max - min <= 2^48. Received ${hi}`);
    }
    const draw = () => this.session.number('crypto.randomInt()', this.stream.int(lo, hi - 1));
    if (callback === undefined) return draw();
    if (!this.session.virtual) this.session.reject('crypto.randomInt()');
    this.later(callback, draw);
    return undefined;
  };

  readonly randomUUID = (): string => {
    const bytes = new Uint8Array(16);
    this.fill('crypto.randomUUID()', bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
    bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
    const hex = Buffer.from(bytes).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };

  readonly getRandomValues = <T extends ArrayBufferView | null>(array: T): T => {
    const integer =
      array instanceof Int8Array || array instanceof Uint8Array || array instanceof Uint8ClampedArray ||
      array instanceof Int16Array || array instanceof Uint16Array || array instanceof Int32Array ||
      array instanceof Uint32Array || array instanceof BigInt64Array || array instanceof BigUint64Array;
    if (!integer) {
      throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
    }
    if (array.byteLength > GET_RANDOM_VALUES_BYTES_MAX) {
      throw new DOMException(`The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (${GET_RANDOM_VALUES_BYTES_MAX})`, 'QuotaExceededError');
    }
    this.fill('crypto.getRandomValues()', bytesOf(array, 'crypto.getRandomValues'));
    return array;
  };
}
