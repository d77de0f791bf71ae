// Emails and phone numbers are removed from the page URL query by default
mock('getAllEventData', { event_name: 'page_view', page_location: 'https://shop.example/t?utm_source=tiktok&email=jane%40example.com&tel=0612345678&q=shoes' });
runCode(mockData);
mockData.urlPersonalData = 'keep';
runCode(mockData);

callLater(() => {
  assertThat(JSON.parse(sent[0].body).data[0].page.url).isEqualTo('https://shop.example/t?utm_source=tiktok&q=shoes');
  assertThat(JSON.parse(sent[1].body).data[0].page.url).isEqualTo('https://shop.example/t?utm_source=tiktok&email=jane%40example.com&tel=0612345678&q=shoes');
});
