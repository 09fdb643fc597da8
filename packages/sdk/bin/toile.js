#!/usr/bin/env node
// The published `toile` command: runs the built CLI (see src/cli/bin.ts).
import '../dist/src/cli/bin.js';
