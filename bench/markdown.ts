/** One row of a Markdown table: `| a | b | c |`. */
export const row = (...cells: string[]): string => `| ${cells.join(' | ')} |`;
