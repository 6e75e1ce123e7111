#!/usr/bin/env node
// The command's entry point. It lives outside dist/ so that npm can link it on install, before
// the package is built; the command itself is compiled to dist/cli.js by `npm run build`.
import '../dist/cli.js';
