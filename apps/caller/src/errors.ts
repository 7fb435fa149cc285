/** The caller simulator's error hierarchy: a machine-readable code, the class name and the cause kept. */
export type CallerErrorCode =
  | 'bad_arguments'
  | 'bad_scenario'
  | 'webhook_failed'
  | 'twiml_without_stream'
  | 'stream_failed'
  | 'no_answer'
  | 'speech_synthesis_failed'
  | 'expectation_failed'
  | 'timeout';

export class CallerError extends Error {
  readonly code: CallerErrorCode;

  constructor(code: CallerErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

export class ScenarioFileError extends CallerError {
  readonly file: string;

  constructor(file: string, message: string, cause?: unknown) {
    super('bad_scenario', `${file}: ${message}`, { cause });
    this.file = file;
  }
}
