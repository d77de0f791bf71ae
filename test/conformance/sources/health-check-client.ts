import { js, type ConformanceSource } from '../lib/source';

/**
 * A health-check / preview-header client (uptime checks against an sGTM endpoint): claims
 * GET /healthz and /ready, answers 200 with a small JSON body that names the container version,
 * and leaves every other path alone. Suites fire many requests in one scenario.
 */
const source: ConformanceSource = {
  file: 'health-check-client',
  lookalikeOf: 'community / healthcheck-client',
  type: 'CLIENT',
  displayName: 'Health Check Client Lookalike',
  description: 'Answers uptime checks without running the container.',
  categories: ['UTILITY'],
  parameters: [
    { type: 'TEXT', name: 'paths', displayName: 'Paths (comma separated)', simpleValueType: true, defaultValue: '/healthz,/ready' },
    { type: 'CHECKBOX', name: 'includeVersion', checkboxText: 'Include the container version', simpleValueType: true, defaultValue: true },
  ],
  code: js`
const claimRequest = require('claimRequest');
const getRequestPath = require('getRequestPath');
const getRequestMethod = require('getRequestMethod');
const getContainerVersion = require('getContainerVersion');
const setResponseStatus = require('setResponseStatus');
const setResponseHeader = require('setResponseHeader');
const setResponseBody = require('setResponseBody');
const returnResponse = require('returnResponse');
const JSON = require('JSON');

const paths = (data.paths || '/healthz').split(',').map((p) => p.trim());
const path = getRequestPath();
if (paths.indexOf(path) === -1) return;
claimRequest();

const method = getRequestMethod();
if (method !== 'GET' && method !== 'HEAD') {
  setResponseStatus(405);
  setResponseHeader('allow', 'GET, HEAD');
  returnResponse();
  return;
}
const body = {status: 'ok', path: path};
if (data.includeVersion) {
  const version = getContainerVersion();
  body.container = version.containerId;
  body.version = version.version;
}
setResponseStatus(200);
setResponseHeader('cache-control', 'no-store');
setResponseHeader('content-type', 'application/json');
setResponseBody(JSON.stringify(body));
returnResponse();
`,
  permissions: {
    read_request: { requestAccess: 'specific', pathAllowed: true, headerAccess: 'specific', queryParameterAccess: 'specific' },
    read_container_data: {},
    return_response: {},
    access_response: { writeResponseAccess: 'any', writeHeaderAccess: 'any' },
  },
  testStyle: 'gtm',
  setup: js`const JSON = require('JSON');
let path = '/healthz';
let method = 'GET';
const bodies = [];
const statuses = [];
mock('getRequestPath', () => path);
mock('getRequestMethod', () => method);
mock('getContainerVersion', {containerId: 'GTM-ABC123', version: '42', previewMode: false, debugMode: false, environmentMode: false, environmentName: ''});
mock('setResponseBody', (body) => bodies.push(JSON.parse(body)));
mock('setResponseStatus', (status) => statuses.push(status));
const mockData = {paths: '/healthz, /ready', includeVersion: true};`,
  scenarios: [
    {
      name: 'Answers both paths and ignores the rest, in one scenario',
      expect: 'pass',
      code: js`runCode(mockData);
path = '/ready';
runCode(mockData);
path = '/g/collect';
runCode(mockData);
path = '/healthz';
method = 'HEAD';
runCode(mockData);

assertThat(statuses).isEqualTo([200, 200, 200]);
assertThat(bodies).isEqualTo([
  {status: 'ok', path: '/healthz', container: 'GTM-ABC123', version: '42'},
  {status: 'ok', path: '/ready', container: 'GTM-ABC123', version: '42'},
  {status: 'ok', path: '/healthz', container: 'GTM-ABC123', version: '42'}
]);
assertApi('returnResponse').wasCalled();`,
    },
    {
      name: 'POST gets 405 with an Allow header, then a GET works',
      expect: 'pass',
      code: js`method = 'POST';
runCode(mockData);
method = 'GET';
runCode(mockData);

assertThat(statuses).isEqualTo([405, 200]);
assertApi('setResponseHeader').wasCalledWith('allow', 'GET, HEAD');
assertThat(bodies).hasLength(1);`,
    },
    {
      name: 'Without the version',
      expect: 'pass',
      code: js`mockData.includeVersion = false;
runCode(mockData);
assertThat(bodies[0]).isEqualTo({status: 'ok', path: '/healthz'});
assertApi('getContainerVersion').wasNotCalled();`,
    },
  ],
};

export default source;
