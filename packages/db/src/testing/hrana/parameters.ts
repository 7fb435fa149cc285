import { HranaStatementError } from './protocol.ts';

/**
 * Parameter names by index (index 0 is parameter 1): `?NNN`, `:name`, `@name`, `$name` keep their sigil,
 * a bare `?` is nameless (null). A bare `?` takes the next number after the largest so far; a name seen
 * before reuses its number; an unused number in the middle stays null.
 */
export function parameterNames(sqlText: string): (string | null)[] {
  const names: (string | null)[] = [];
  const numberOf = new Map<string, number>();
  const place = (index: number, name: string | null) => {
    while (names.length < index) names.push(null);
    if (name !== null) names[index - 1] = name;
  };
  for (const token of parameterTokens(sqlText)) {
    if (token === '?') {
      place(names.length + 1, null);
    } else if (/^\?\d+$/.test(token)) {
      const index = Number(token.slice(1));
      if (index < 1) throw new HranaStatementError(`bad parameter ${token}`, 'SQL_PARSE_ERROR');
      numberOf.set(token, index);
      place(index, token);
    } else {
      const known = numberOf.get(token);
      if (known !== undefined) continue;
      const index = names.length + 1;
      numberOf.set(token, index);
      place(index, token);
    }
  }
  return names;
}

/** Parameter tokens in order, skipping string literals, quoted identifiers and comments. */
function parameterTokens(sqlText: string): string[] {
  const pattern =
    /'(?:[^']|'')*'|"(?:[^"]|"")*"|`[^`]*`|\[[^\]]*\]|--[^\n]*|\/\*[\s\S]*?\*\/|\?\d*|[:@$][A-Za-z0-9_]+/g;
  const tokens: string[] = [];
  for (const match of sqlText.matchAll(pattern)) {
    const token = match[0];
    if (/^[?:@$]/.test(token)) tokens.push(token);
  }
  return tokens;
}
