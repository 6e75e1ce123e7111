// Express 4 is installed under the alias `express4`; its API matches the typed Express 5 one
// closely enough for these tests.
declare module 'express4' {
  import express from 'express';
  export default express;
}
