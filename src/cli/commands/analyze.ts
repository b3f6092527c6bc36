import type { Command } from 'commander';

/** Placeholder: this group of commands lands with its feature. */
export function register(_program: Command): void {}
