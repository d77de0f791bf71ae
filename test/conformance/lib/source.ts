/**
 * The editable form of one corpus template (what stape keeps as template.js + tests.yaml) plus
 * the outcome GTM's test runner would give each scenario.
 */
export interface ConformanceScenario {
  name: string;
  code: string;
  /**
   * What GTM would report: `'pass'`, or the failure message the runner must give for a scenario
   * written to fail (a deliberately wrong expectation). GTM's own wording is unknown; the shim's
   * wording is pinned here so that a change is noticed.
   */
  expect: 'pass' | { fails: string };
  /**
   * The scenario's runner warnings as `code` or `code URL` (default none): what GTM's editor
   * accepts and the shim only tolerates, e.g. an unmocked request it held back.
   */
  warnings?: string[];
}

export interface ConformanceSource {
  /** File name under templates/, without .tpl. */
  file: string;
  /** Which published template this one imitates, for the report. */
  lookalikeOf: string;
  type: 'TAG' | 'CLIENT' | 'MACRO';
  displayName: string;
  description: string;
  categories?: string[];
  brand?: { id: string; displayName: string; thumbnail?: string };
  parameters: unknown[];
  code: string;
  /** publicId → plain params (encoded to GTM's typed form on write). */
  permissions: Record<string, Record<string, unknown>>;
  setup?: string;
  scenarios: ConformanceScenario[];
  /** 'gtm' = double-quoted folded scalars (editor export); 'block' = stape's hand-edited `|-`. */
  testStyle: 'gtm' | 'block';
  bom?: boolean;
  notes?: string;
  /** Sections written twice in a row, as some published files have ___TERMS_OF_SERVICE___. */
  repeatSections?: string[];
}

/** Sandboxed code is written with String.raw so regex escapes read as they do in GTM. */
export const js = String.raw;
