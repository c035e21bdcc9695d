import { parse } from 'csv-parse/sync';
import { IMPORT_COLUMNS, REQUIRED_COLUMNS, type ImportColumn, type ImportProblem, type ImportRow } from './import-columns';

export interface CsvContent {
  columns: ImportColumn[];
  rows: ImportRow[];
  problems: ImportProblem[];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads the employee CSV: UTF-8 with or without BOM, `,` or `;`, a header row, columns in any order. */
export function readEmployeeCsv(input: Buffer | string): CsvContent {
  let text: string;
  try {
    text = typeof input === 'string' ? input : decoder.decode(input);
  } catch {
    return fail(1, null, 'the file is not UTF-8 text; save it as "CSV UTF-8"');
  }
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
  try {
    parse(text, { delimiter, relax_column_count: true, skip_empty_lines: true, on_record: (record: string[], context: { lines: number }) => toRow(record, context.lines) });
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
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

function count(text: string, character: string): number {
  return text.split(character).length - 1;
}

function fail(row: number, column: string | null, message: string): CsvContent {
  return { columns: [], rows: [], problems: [{ row, column, message }] };
}
