/**
 * Values written into the exported Python script as literals. JSON's strings, numbers and lists
 * are Python literals too; only its words differ (true, false, null).
 */
export type PythonValue =
  | number
  | boolean
  | string
  | null
  | readonly PythonValue[]
  | { readonly [key: string]: PythonValue };

export function pythonLiteral(value: PythonValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${value} has no Python literal here.`);
    return String(value);
  }
  // A JSON string's escapes (\" \\ \n \uXXXX) mean the same in Python.
  if (typeof value === 'string') return JSON.stringify(value);
  if (isList(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  const entries = Object.entries(value).map(
    ([k, v]) => `${JSON.stringify(k)}: ${pythonLiteral(v)}`,
  );
  return `{${entries.join(', ')}}`;
}

function isList(value: PythonValue): value is readonly PythonValue[] {
  return Array.isArray(value);
}
