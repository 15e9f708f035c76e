import { XMLBuilder } from 'fast-xml-parser';

export type Format = 'json' | 'xml';

const builder = new XMLBuilder({ format: true, ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false });

/**
 * Open311 documents in JSON or XML. The XML wraps a list in its plural element with one
 * singular child per item (`<service_requests><request>…`), as GeoReport v2 shows.
 */
export function render(format: Format, root: string, item: string | null, body: unknown): { type: string; payload: string } {
  if (format === 'json') return { type: 'application/json; charset=utf-8', payload: JSON.stringify(body) };
  const content = item ? { [item]: body } : body;
  return { type: 'text/xml; charset=utf-8', payload: builder.build({ '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' }, [root]: content }) };
}

/** `123.json` → { id: '123', format: 'json' }, or null for anything else. */
export function splitFormat(file: string): { id: string; format: Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? { id: m[1]!, format: m[2] as Format } : null;
}

/**
 * Attribute answers from a form body: `attribute[CODE]=v`, and `attribute[CODE][]=v` repeated
 * for a multi-value list (GeoReport v2, POST Service Request: "attribute[code1][]=value1&…").
 * Values are kept whole: the service checks them against the service definition.
 */
export function attributesOf(body: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    const m = /^attribute\[([A-Za-z0-9_]{1,40})\](\[\])?$/.exec(k);
    if (!m) continue;
    const vals = (Array.isArray(v) ? v : [v]).map((x) => String(x));
    out[m[1]!] = vals.length === 1 && !m[2] ? vals[0]! : vals;
  }
  const nested = body.attribute;
  if (nested && typeof nested === 'object' && !Array.isArray(nested)) {
    for (const [k, v] of Object.entries(nested as Record<string, unknown>)) {
      if (/^[A-Za-z0-9_]{1,40}$/.test(k)) out[k] = Array.isArray(v) ? v.map(String) : String(v);
    }
  }
  return out;
}

interface Definition {
  service_code: string;
  attributes: ({ values: { key: string; name: string }[] } & Record<string, unknown>)[];
}

/**
 * A service definition in the XML shape of GeoReport v2: each list inside its plural element,
 * `<attributes><attribute>…</attribute></attributes>` and `<values><value>…</value></values>`
 * (the JSON keeps plain arrays; JSON is the Spark mapping of this XML).
 */
export function definitionXml(d: Definition) {
  return {
    service_code: d.service_code,
    attributes: { attribute: d.attributes.map((a) => ({ ...a, values: { value: a.values } })) },
  };
}
