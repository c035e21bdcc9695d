import { parse } from 'csv-parse';
import { finished } from 'node:stream/promises';
import { nextTurn } from './event-loop-turns';
import { IMPORT_COLUMNS, REQUIRED_COLUMNS, type ImportColumn, type ImportProblem, type ImportRow } from './import-columns';

export interface CsvContent {
  columns: ImportColumn[];
  rows: ImportRow[];
  problems: ImportProblem[];
}

/** Bytes (or characters) parsed between two turns of the event loop: about a hundred rows. */
const SLICE = 16 * 1024;

/**
 * Reads the employee CSV: UTF-8 with or without BOM, `,` or `;`, a header row, columns in any order.
 * The file is decoded and parsed a slice at a time with a turn of the event loop between slices,
 * so that a large file never holds other requests up.
 */
export async function readEmployeeCsv(input: Buffer | string): Promise<CsvContent> {
  const slices = new Slices(input);
  // The first line decides the delimiter; read slices until it is complete.
  let text = '';
  for (let slice = slices.next(); slice !== null; slice = /\n/.test(text) ? null : slices.next()) text += slice;
  if (slices.broken) return notUtf8();
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  if (firstLine.trim() === '') return fail(1, null, 'the file is empty; the first line must name the columns');
  const delimiter = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';

  // One pass: each record becomes a row as it is parsed, so the file is never held twice as arrays.
  let header: { columns: ImportColumn[]; problems: ImportProblem[] } | null = null;
  const rows: ImportRow[] = [];
  const problems: ImportProblem[] = [];
  const toRow = (record: string[], line: number): null => {
    if (!header) header = readHeader(record);
    else if (header.problems.length) return null;
    else if (record.length !== header.columns.length) {
      problems.push({ row: line, column: null, message: `the row has ${record.length} fields but the header has ${header.columns.length}` });
    } else {
      const values: ImportRow['values'] = {};
      for (let column = 0; column < record.length; column++) values[header.columns[column]] = record[column].trim();
      rows.push({ row: line, values });
    }
    return null;
  };
  const parser = parse({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    on_record: (record: string[], context: { lines: number }) => toRow(record, context.lines),
  });
  let failure: { lines?: number; message: string } | null = null;
  parser.on('error', (error: { lines?: number; message: string }) => (failure ??= error));
  parser.resume(); // records are kept by on_record; nothing is pushed but the end
  for (let slice: string | null = text; slice !== null && failure === null; slice = slices.next()) {
    parser.write(slice);
    await nextTurn(); // a parse error is emitted on the next tick, so it is known after the turn
  }
  if (slices.broken) return notUtf8();
  if (failure === null) {
    parser.end();
    await finished(parser).catch((error: { lines?: number; message: string }) => (failure ??= error));
  }
  if (failure) {
    const { lines, message } = failure;
    return fail(lines ?? 1, null, `the file is not valid CSV: ${message}`);
  }
  const read = header as { columns: ImportColumn[]; problems: ImportProblem[] } | null;
  if (!read) return fail(1, null, 'the file is empty; the first line must name the columns');
  if (read.problems.length) return { columns: read.columns, rows: [], problems: read.problems };
  if (rows.length === 0 && problems.length === 0) return fail(1, null, 'the file has a header but no rows');
  return { columns: read.columns, rows, problems };
}

function readHeader(header: string[]): { columns: ImportColumn[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const columns = header.map((name) => name.trim().toLowerCase()) as ImportColumn[];
  const known = new Set<string>(IMPORT_COLUMNS);
  columns.forEach((column, index) => {
    if (!known.has(column)) problems.push({ row: 1, column: header[index], message: `unknown column "${header[index]}"; the columns are ${IMPORT_COLUMNS.join(', ')}` });
    else if (columns.indexOf(column) !== index) problems.push({ row: 1, column, message: `column ${column} appears twice` });
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.includes(required)) problems.push({ row: 1, column: required, message: `the required column ${required} is missing` });
  }
  return { columns, problems };
}

/** The file a slice at a time, decoded as UTF-8 (`broken` once a byte sequence is not UTF-8). */
class Slices {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private at = 0;
  broken = false;

  constructor(private readonly input: Buffer | string) {}

  next(): string | null {
    const { input, at } = this;
    if (this.broken || at > input.length) return null;
    this.at += SLICE;
    if (typeof input === 'string') return at < input.length ? input.slice(at, at + SLICE) : null;
    try {
      // The last call flushes: a sequence cut off at the end of the file is not UTF-8 either.
      return at < input.length ? this.decoder.decode(input.subarray(at, at + SLICE), { stream: true }) : this.decoder.decode();
    } catch {
      this.broken = true;
      return null;
    }
  }
}

function notUtf8(): CsvContent {
  return fail(1, null, 'the file is not UTF-8 text; save it as "CSV UTF-8"');
}

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

function fail(row: number, column: string | null, message: string): CsvContent {
  return { columns: [], rows: [], problems: [{ row, column, message }] };
}
