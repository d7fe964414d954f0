import { SaxesParser } from 'saxes';
import { itemNames } from '../open311/xml';

/**
 * Reading GeoReport v2 XML back with a real parser (saxes, jsdom's), so a test compares what a
 * client would read, not what our writer meant: malformed markup or a bad escape fails the parse.
 */

interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

/** The XML declaration and the tree; throws on anything that is not well-formed XML. */
export function parseXml(xml: string): { declaration: { version?: string; encoding?: string }; root: XmlNode } {
  const parser = new SaxesParser();
  const stack: XmlNode[] = [];
  let root: XmlNode | undefined;
  let declaration: { version?: string; encoding?: string } = {};
  parser.on('xmldecl', (decl) => (declaration = { version: decl.version, encoding: decl.encoding }));
  parser.on('opentag', (tag) => {
    const node: XmlNode = { name: tag.name, children: [], text: '' };
    stack.at(-1)?.children.push(node);
    stack.push(node);
    root ??= node;
  });
  parser.on('text', (text) => {
    const top = stack.at(-1);
    if (top) top.text += text;
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return { declaration, root };
}

/** Leaves as strings (empty for an empty element), arrays where GeoReport has lists. */
export type Plain = string | Plain[] | { [key: string]: Plain };

/** An XML element as plain values, arrays named by the writer's list of GeoReport list elements. */
export function plainOfXml(node: XmlNode): Plain {
  if (itemNames[node.name]) return node.children.map(plainOfXml);
  if (node.children.length === 0) return node.text;
  return Object.fromEntries(node.children.map((child) => [child.name, plainOfXml(child)]));
}

/** A JSON value as XML carries it: every leaf as text, null as an empty element. */
export function plainOfJson(value: unknown): Plain {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(plainOfJson);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, plainOfJson(child)]));
  return String(value);
}
