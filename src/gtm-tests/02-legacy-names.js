// Legacy event names option sends CompletePayment
mockData.eventNameVersion = 'legacy';
runCode(mockData);

callLater(() => {
  assertApi('gtmOnSuccess').wasCalled();
  assertThat(JSON.parse(sent[0].body).data[0].event).isEqualTo('CompletePayment');
});
