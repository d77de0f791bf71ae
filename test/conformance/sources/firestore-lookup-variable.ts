import { js, type ConformanceSource } from '../lib/source';

/** stape's Firestore Lookup variable: returns the promise of a read or a query. */
const source: ConformanceSource = {
  file: 'firestore-lookup-variable',
  lookalikeOf: 'stape-io/firestore-lookup-variable',
  type: 'MACRO',
  displayName: 'Firestore Lookup Lookalike',
  description: 'Looks up a document by path or by a query and returns one of its fields.',
  categories: ['UTILITY', 'DATA_WAREHOUSING'],
  brand: { id: 'github.com_stape-io', displayName: 'stape-io' },
  parameters: [
    {
      type: 'RADIO',
      name: 'lookupType',
      displayName: 'Lookup type',
      radioItems: [
        { value: 'document', displayValue: 'Document path', subParams: [{ type: 'TEXT', name: 'documentPath', displayName: 'Document path', simpleValueType: true }] },
        {
          value: 'collection',
          displayValue: 'Collection query',
          subParams: [
            { type: 'TEXT', name: 'collectionPath', displayName: 'Collection path', simpleValueType: true },
            {
              type: 'SIMPLE_TABLE',
              name: 'queryConditions',
              displayName: 'Conditions',
              simpleTableColumns: [
                { defaultValue: '', displayName: 'Field', name: 'field', type: 'TEXT' },
                {
                  defaultValue: '==',
                  displayName: 'Operator',
                  name: 'operator',
                  type: 'SELECT',
                  selectItems: [
                    { value: '==', displayValue: '==' },
                    { value: 'array-contains', displayValue: 'array-contains' },
                  ],
                },
                { defaultValue: '', displayName: 'Value', name: 'value', type: 'TEXT' },
              ],
            },
          ],
        },
      ],
      simpleValueType: true,
    },
    { type: 'TEXT', name: 'keyPath', displayName: 'Field path to return', simpleValueType: true },
    { type: 'TEXT', name: 'firebaseProjectId', displayName: 'Firebase project ID', simpleValueType: true },
  ],
  code: js`
const Firestore = require('Firestore');
const getType = require('getType');

const projectId = data.firebaseProjectId || undefined;

if (data.lookupType === 'document') {
  return Firestore.read(data.documentPath, {projectId: projectId, disableCache: false})
    .then((doc) => getField(doc.data), () => undefined);
}

const conditions = (data.queryConditions || []).map((row) => [row.field, row.operator, row.value]);
return Firestore.query(data.collectionPath, conditions, {projectId: projectId, limit: 1})
  .then((documents) => {
    if (getType(documents) !== 'array' || documents.length === 0) return undefined;
    return getField(documents[0].data);
  }, () => undefined);

function getField(obj) {
  if (!data.keyPath) return obj;
  return data.keyPath.split('.').reduce((value, key) => {
    if (getType(value) !== 'object' && getType(value) !== 'array') return undefined;
    return value[key];
  }, obj);
}
`,
  permissions: {
    access_firestore: { allowedOptions: [{ projectId: '*', path: '*', operation: 'read' }] },
  },
  testStyle: 'block',
  setup: js`const Promise = require('Promise');
const callLater = require('callLater');

const mockData = {
  lookupType: 'document',
  documentPath: 'users/u1',
  keyPath: 'profile.segments.1',
  firebaseProjectId: 'fb-project'
};

const userDoc = {id: 'u1', data: {profile: {segments: ['new', 'vip']}, email: 'a@b.c'}};
const resolvedWith = (value) => ({then: (onSuccess) => onSuccess(value)});
const rejectedWith = (error) => ({then: (onSuccess, onFailure) => onFailure(error)});`,
  scenarios: [
    {
      name: 'Document read through a thenable mock gives a synchronous value',
      expect: 'pass',
      code: js`let readArgs;
mockObject('Firestore', {
  read: (path, options) => {
    readArgs = [path, options];
    return resolvedWith(userDoc);
  }
});

assertThat(runCode(mockData)).isEqualTo('vip');
assertThat(readArgs).isEqualTo(['users/u1', {projectId: 'fb-project', disableCache: false}]);`,
    },
    {
      name: 'Missing document resolves to undefined',
      expect: 'pass',
      code: js`mockObject('Firestore', {
  read: () => rejectedWith({reason: 'not_found'})
});

assertThat(runCode(mockData)).isUndefined();`,
    },
    {
      name: 'Collection query with a real promise',
      expect: 'pass',
      code: js`mockData.lookupType = 'collection';
mockData.collectionPath = 'users';
mockData.queryConditions = [{field: 'email', operator: '==', value: 'a@b.c'}];
mockData.keyPath = 'profile';
mockData.firebaseProjectId = '';
let queryArgs;
mockObject('Firestore', {
  query: (collection, conditions, options) => {
    queryArgs = {collection: collection, conditions: conditions, options: options};
    return Promise.create((resolve) => resolve([userDoc]));
  }
});
let result = 'unset';

runCode(mockData).then((value) => {
  result = value;
});

callLater(() => {
  assertThat(result).isEqualTo({segments: ['new', 'vip']});
  assertThat(queryArgs.collection).isEqualTo('users');
  assertThat(queryArgs.conditions).isEqualTo([['email', '==', 'a@b.c']]);
  assertThat(queryArgs.options).isEqualTo({projectId: undefined, limit: 1});
});`,
    },
    {
      name: 'Empty query result resolves to undefined',
      expect: 'pass',
      code: js`mockData.lookupType = 'collection';
mockData.collectionPath = 'users';
mock('Firestore', () => ({query: () => resolvedWith([])}));

assertThat(runCode(mockData)).isUndefined();`,
    },
    {
      name: 'The whole document when no key path is set',
      expect: 'pass',
      code: js`mockData.keyPath = '';
mockObject('Firestore', {read: () => resolvedWith(userDoc)});

const value = runCode(mockData);

assertThat(value).isEqualTo(userDoc.data);
assertThat(value).isNotStrictlyEqualTo(undefined);
assertThat(value.email).isString();`,
    },
  ],
};

export default source;
