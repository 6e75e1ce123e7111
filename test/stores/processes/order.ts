/** The signing secret shared by the process tests and their receivers. */
export const testSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** What a test event asks the receiver's handler to do. */
export interface TestOrder {
  /** `hang-first` never returns on the first attempt; `fail-first` throws on it. */
  mode?: 'hang-first' | 'fail-first';
  sleepMs?: number;
}
