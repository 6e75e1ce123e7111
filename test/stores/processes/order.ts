/** The signing secret shared by the process tests and their receivers. */
export const testSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** The data of a test event: how the receiver's handler should behave. */
export interface TestOrder {
  /** `hang-first` never returns on the first attempt; `fail-first` throws on it. */
  mode?: 'hang-first' | 'fail-first';
  sleepMs?: number;
}
