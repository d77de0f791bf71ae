// A purchase without value gets the sum of price times quantity of its items
mock('getAllEventData', { event_name: 'purchase', currency: 'USD', items: [{ item_id: 'A', price: 10.1, quantity: 3 }, { item_id: 'B', price: 0.2 }] });
runCode(mockData);
mockData.valueFromItems = false;
runCode(mockData);

callLater(() => {
  assertThat(JSON.parse(sent[0].body).data[0].properties.value).isEqualTo(30.5);
  assertThat(JSON.parse(sent[1].body).data[0].properties.value).isUndefined();
});
