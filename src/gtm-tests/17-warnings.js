// A bad currency is sent without currency and named in the result line's warnings
const logged = [];
mock('logToConsole', (line) => { logged.push(JSON.parse(line)); });
mock('getAllEventData', { event_name: 'purchase', value: 10, currency: 'EURO', items: [{ item_id: 'A', price: 10 }] });
runCode(mockData);

callLater(() => {
  assertThat(JSON.parse(sent[0].body).data[0].properties.currency).isUndefined();
  const result = logged.filter((line) => line.type === 'result')[0];
  assertThat(result.warnings).isEqualTo([{
    code: 'currency_invalid',
    field: 'properties.currency',
    message: 'currency is not a 3-letter ISO 4217 code (e.g. EUR, USD); the event was sent without currency'
  }]);
});
