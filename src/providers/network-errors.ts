/** Base of the network's typed errors; `code` mirrors the POSIX name. */
export class NetworkError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class ConnectionRefusedError extends NetworkError {
  constructor(address: string) {
    super('ECONNREFUSED', `connection refused: nothing listens on ${address}`);
  }
}

export class ConnectionResetError extends NetworkError {
  constructor(detail: string) {
    super('ECONNRESET', `connection reset: ${detail}`);
  }
}

export class ConnectionClosedError extends NetworkError {
  constructor(detail: string) {
    super('EPIPE', `connection closed: ${detail}`);
  }
}

export class AddressInUseError extends NetworkError {
  constructor(address: string) {
    super('EADDRINUSE', `address in use: ${address} already has a listener`);
  }
}

export class ListenerClosedError extends NetworkError {
  constructor(address: string) {
    super('ELISTENERCLOSED', `listener on ${address} is closed`);
  }
}

export class ConnectionTimedOutError extends NetworkError {
  constructor(address: string, detail: string) {
    super('ETIMEDOUT', `connection to ${address} timed out: ${detail}`);
  }
}
