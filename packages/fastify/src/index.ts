import { hookline } from './plugin.js';

export { type HooklineFastifyOptions, hookline } from './plugin.js';
export default hookline;
