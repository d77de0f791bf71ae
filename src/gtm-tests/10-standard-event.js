// A fixed standard event with test event code and limited data use
mockData.eventNameMode = 'standard';
mockData.standardEventName = 'Lead';
mockData.testEventCode = 'TEST42';
mockData.limitedDataUse = true;
mock('getAllEventData', { event_name: 'form_submit', event_id: 'E-7' });
runCode(mockData);

callLater(() => {
  const body = JSON.parse(sent[0].body);
  assertThat(body.test_event_code).isEqualTo('TEST42');
  assertThat(body.data[0].event).isEqualTo('Lead');
  assertThat(body.data[0].event_id).isEqualTo('E-7');
  assertThat(body.data[0].limited_data_use).isEqualTo(true);
  assertApi('gtmOnSuccess').wasCalled();
});
