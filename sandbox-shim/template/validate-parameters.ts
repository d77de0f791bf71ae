/**
 * Checks ___TEMPLATE_PARAMETERS___: known field types, unique value names (GROUP children and
 * subParams flatten into `data`, so uniqueness is across all of them), well-formed
 * valueValidators and enablingConditions that point at existing fields.
 */
import type { Problem } from '../types';
import { isObject } from './is-object';

const WHERE = '___TEMPLATE_PARAMETERS___';
export const PARAMETER_TYPES = ['TEXT', 'SELECT', 'CHECKBOX', 'RADIO', 'GROUP', 'LABEL', 'SIMPLE_TABLE', 'PARAM_TABLE'];
const VALUE_TYPES = new Set(['TEXT', 'SELECT', 'CHECKBOX', 'RADIO', 'SIMPLE_TABLE', 'PARAM_TABLE']);
export const VALIDATOR_TYPES = ['NON_EMPTY', 'POSITIVE_NUMBER', 'NON_NEGATIVE_NUMBER', 'NUMBER', 'REGEX', 'TABLE_ROW_COUNT', 'STRING_LENGTH', 'GA4_EVENT_NAME', 'INTEGER'];
export const CONDITION_TYPES = ['EQUALS', 'NOT_EQUALS', 'PRESENT', 'NOT_PRESENT', 'GREATER_THAN', 'LESS_THAN', 'CONTAINS', 'NOT_CONTAINS'];

type Field = Record<string, unknown>;

interface Located {
  field: Field;
  path: string;
}

/** Every field with its path (e.g. `field "advanced" > field "timeout"`), depth first. */
function collect(fields: unknown[], parentPath: string, out: Located[], problems: Problem[]): void {
  fields.forEach((field, i) => {
    const label = isObject(field) && typeof field.name === 'string' && field.name ? `field "${field.name}"` : `field #${i + 1}`;
    const path = parentPath ? `${parentPath} > ${label}` : label;
    if (!isObject(field)) {
      problems.push({ severity: 'error', where: WHERE, message: `${path} must be a JSON object with a "type"` });
      return;
    }
    out.push({ field, path });
    if (Array.isArray(field.subParams)) collect(field.subParams, path, out, problems);
    if (Array.isArray(field.radioItems)) {
      for (const item of field.radioItems) if (isObject(item) && Array.isArray(item.subParams)) collect(item.subParams, path, out, problems);
    }
  });
}

function checkTableColumns(field: Field, path: string, problems: Problem[]): void {
  const error = (message: string) => problems.push({ severity: 'error', where: WHERE, message: `${path}: ${message}` });
  const columns = field.type === 'SIMPLE_TABLE' ? field.simpleTableColumns : field.paramTableColumns;
  const key = field.type === 'SIMPLE_TABLE' ? 'simpleTableColumns' : 'paramTableColumns';
  if (!Array.isArray(columns) || columns.length === 0) return void error(`${key} must be a non-empty array of columns`);
  const names = new Set<string>();
  columns.forEach((col, i) => {
    const column = field.type === 'PARAM_TABLE' && isObject(col) ? col.param : col;
    const name = isObject(column) ? column.name : undefined;
    if (typeof name !== 'string' || name === '') return void error(`column #${i + 1} needs a "name"`);
    if (names.has(name)) error(`column name "${name}" is used twice`);
    names.add(name);
  });
}

function checkValidators(field: Field, path: string, problems: Problem[]): void {
  if (field.valueValidators === undefined) return;
  if (!Array.isArray(field.valueValidators)) {
    problems.push({ severity: 'error', where: WHERE, message: `${path}: valueValidators must be an array of {type, args?}` });
    return;
  }
  field.valueValidators.forEach((v, i) => {
    const at = `${path}: valueValidators #${i + 1}`;
    if (!isObject(v) || typeof v.type !== 'string') return void problems.push({ severity: 'error', where: WHERE, message: `${at} needs a string "type" (e.g. NON_EMPTY)` });
    if (!VALIDATOR_TYPES.includes(v.type)) problems.push({ severity: 'warning', where: WHERE, message: `${at} has an unknown type "${v.type}" (known: ${VALIDATOR_TYPES.join(', ')})` });
    if (v.args !== undefined && !Array.isArray(v.args)) problems.push({ severity: 'error', where: WHERE, message: `${at}: args must be an array` });
    if (v.type === 'REGEX') {
      const pattern = Array.isArray(v.args) ? v.args[0] : undefined;
      if (typeof pattern !== 'string') return void problems.push({ severity: 'error', where: WHERE, message: `${at}: REGEX needs args: ["pattern"]` });
      try {
        RegExp(pattern);
      } catch (err) {
        problems.push({ severity: 'error', where: WHERE, message: `${at}: REGEX pattern ${JSON.stringify(pattern)} is invalid: ${(err as Error).message}` });
      }
    }
    if ((v.type === 'TABLE_ROW_COUNT' || v.type === 'STRING_LENGTH') && (!Array.isArray(v.args) || !v.args.every((a) => typeof a === 'number'))) {
      problems.push({ severity: 'error', where: WHERE, message: `${at}: ${v.type} needs args: [min, max] as numbers` });
    }
  });
}

function checkConditions(field: Field, path: string, names: Set<string>, problems: Problem[]): void {
  if (field.enablingConditions === undefined) return;
  if (!Array.isArray(field.enablingConditions)) {
    problems.push({ severity: 'error', where: WHERE, message: `${path}: enablingConditions must be an array of {paramName, paramValue, type}` });
    return;
  }
  field.enablingConditions.forEach((c, i) => {
    const at = `${path}: enablingConditions #${i + 1}`;
    if (!isObject(c) || typeof c.paramName !== 'string' || typeof c.type !== 'string') {
      return void problems.push({ severity: 'error', where: WHERE, message: `${at} needs a string "paramName" and "type"` });
    }
    if (!names.has(c.paramName)) problems.push({ severity: 'error', where: WHERE, message: `${at} refers to "${c.paramName}", which is not a field of this template` });
    if (!CONDITION_TYPES.includes(c.type)) problems.push({ severity: 'warning', where: WHERE, message: `${at} has an unknown type "${c.type}" (known: ${CONDITION_TYPES.join(', ')})` });
    if ((c.type === 'EQUALS' || c.type === 'NOT_EQUALS') && !('paramValue' in c)) problems.push({ severity: 'error', where: WHERE, message: `${at}: ${c.type} needs a "paramValue"` });
  });
}

export function validateParameters(parameters: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!Array.isArray(parameters)) return [{ severity: 'error', where: WHERE, message: 'must be a JSON array of fields' }];
  const fields: Located[] = [];
  collect(parameters, '', fields, problems);

  const valueNames = new Map<string, string>();
  const allNames = new Set<string>();
  for (const { field, path } of fields) {
    const type = field.type;
    if (typeof type !== 'string' || !PARAMETER_TYPES.includes(type)) {
      problems.push({ severity: 'error', where: WHERE, message: `${path} has type ${JSON.stringify(type)}; use one of ${PARAMETER_TYPES.join(', ')}` });
      continue;
    }
    if (typeof field.name === 'string' && field.name) allNames.add(field.name);
    if (!VALUE_TYPES.has(type)) continue;
    if (typeof field.name !== 'string' || field.name === '') {
      problems.push({ severity: 'error', where: WHERE, message: `${path} (${type}) needs a "name": it is the key of the value in data` });
      continue;
    }
    const first = valueNames.get(field.name);
    if (first) problems.push({ severity: 'error', where: WHERE, message: `${path}: the name "${field.name}" is already used by ${first}; names must be unique because every field lands in data by name` });
    else valueNames.set(field.name, path);
    if (type === 'SELECT' && !Array.isArray(field.selectItems) && field.macrosInSelect !== true) problems.push({ severity: 'error', where: WHERE, message: `${path}: SELECT needs selectItems: [{value, displayValue}]` });
    if (type === 'RADIO' && !Array.isArray(field.radioItems)) problems.push({ severity: 'error', where: WHERE, message: `${path}: RADIO needs radioItems: [{value, displayValue}]` });
    if (type === 'SIMPLE_TABLE' || type === 'PARAM_TABLE') checkTableColumns(field, path, problems);
  }
  for (const { field, path } of fields) {
    checkValidators(field, path, problems);
    checkConditions(field, path, allNames, problems);
  }
  return problems;
}
