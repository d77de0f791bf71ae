/**
 * Typed shapes of GTM template fields (___TEMPLATE_PARAMETERS___, spec §4.3). The build writes
 * them out as JSON in declaration order, so key order here is the key order in the .tpl.
 */
export interface SelectItem {
  value: string | number | boolean;
  displayValue: string;
}

export interface ValueValidator {
  type: 'NON_EMPTY' | 'REGEX' | 'POSITIVE_NUMBER' | 'NON_NEGATIVE_NUMBER' | 'NUMBER' | 'STRING_LENGTH' | 'TABLE_ROW_COUNT';
  args?: (string | number)[];
  errorMessage?: string;
}

export interface EnablingCondition {
  paramName: string;
  paramValue: string | boolean | number;
  type: 'EQUALS' | 'NOT_EQUALS' | 'PRESENT';
}

interface Base {
  name: string;
  displayName: string;
  help?: string;
  enablingConditions?: EnablingCondition[];
}

export interface TextField extends Base {
  type: 'TEXT';
  simpleValueType: true;
  valueHint?: string;
  defaultValue?: string;
  valueValidators?: ValueValidator[];
  alwaysInSummary?: boolean;
  canBeEmptyString?: boolean;
  valueUnit?: string;
}

export interface SelectField extends Base {
  type: 'SELECT';
  macrosInSelect: boolean;
  selectItems: SelectItem[];
  simpleValueType: true;
  defaultValue?: string | number | boolean;
  alwaysInSummary?: boolean;
  subParams?: Field[];
}

export interface RadioItem {
  value: string;
  displayValue: string;
  help?: string;
  subParams?: Field[];
}

export interface RadioField extends Base {
  type: 'RADIO';
  radioItems: RadioItem[];
  simpleValueType: true;
  defaultValue?: string;
}

export interface CheckboxField extends Base {
  type: 'CHECKBOX';
  checkboxText: string;
  simpleValueType: true;
  defaultValue?: boolean;
}

export interface TableColumn {
  defaultValue: string;
  displayName: string;
  name: string;
  type: 'TEXT' | 'SELECT';
  isUnique?: boolean;
  valueHint?: string;
  selectItems?: SelectItem[];
  macrosInSelect?: boolean;
  valueValidators?: ValueValidator[];
}

export interface SimpleTableField extends Base {
  type: 'SIMPLE_TABLE';
  simpleTableColumns: TableColumn[];
  newRowButtonText: string;
}

export interface GroupField extends Base {
  type: 'GROUP';
  groupStyle: 'ZIPPY_CLOSED' | 'ZIPPY_OPEN' | 'ZIPPY_OPEN_ON_PARAM' | 'NO_ZIPPY';
  subParams: Field[];
}

export interface LabelField {
  type: 'LABEL';
  name: string;
  displayName: string;
}

export type Field = TextField | SelectField | RadioField | CheckboxField | SimpleTableField | GroupField | LabelField;
