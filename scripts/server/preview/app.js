/* The preview page: incoming requests on the left, the selected request or event on the right.
   Plain JS, no build, no CDN. Live through /preview/stream (server-sent events). */
(function () {
  'use strict';

  var state = {
    info: {},
    requests: new Map(),
    selected: null, // { id, event: index | null }
    pinned: false, // the user picked something: stop following the newest request
    tab: 'tags',
    filter: '',
    max: 200,
  };

  var STATUS_TEXT = { success: 'Succeeded', failure: 'Failed', exception: 'Exception', timeout: 'Timeout', running: 'Running' };
  var $ = function (id) { return document.getElementById(id); };

  // ------------------------------------------------------------------ DOM helpers

  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      for (var key in attrs) {
        var v = attrs[key];
        if (v === undefined || v === null || v === false) continue;
        if (key === 'class') el.className = v;
        else if (key === 'text') el.textContent = v;
        else if (key.slice(0, 2) === 'on') el.addEventListener(key.slice(2), v);
        else el.setAttribute(key, v === true ? '' : v);
      }
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }
  function append(el, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) { child.forEach(function (c) { append(el, c); }); return; }
    el.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

  function time(ms) {
    var d = new Date(ms);
    var pad = function (n, w) { return String(n).padStart(w || 2, '0'); };
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3);
  }
  function ms(n) { return n === undefined || n === null ? '' : (n < 10 ? n.toFixed(1) : Math.round(n)) + ' ms'; }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  /** A JSON value as coloured, copyable text. */
  function jsonView(value, indent) {
    indent = indent || '';
    var inner = indent + '  ';
    if (value === null) return h('span', { class: 'j-null', text: 'null' });
    if (Array.isArray(value)) {
      if (!value.length) return h('span', { class: 'j-punct', text: '[]' });
      return h('span', null, '[\n', value.map(function (v, i) {
        return [inner, jsonView(v, inner), i < value.length - 1 ? ',' : '', '\n'];
      }), indent + ']');
    }
    switch (typeof value) {
      case 'object': {
        var keys = Object.keys(value);
        if (!keys.length) return h('span', { class: 'j-punct', text: '{}' });
        return h('span', null, '{\n', keys.map(function (k, i) {
          return [inner, h('span', { class: 'j-key', text: JSON.stringify(k) }), ': ', jsonView(value[k], inner), i < keys.length - 1 ? ',' : '', '\n'];
        }), indent + '}');
      }
      case 'string': return h('span', { class: 'j-str', text: JSON.stringify(value) });
      case 'number': return h('span', { class: 'j-num', text: String(value) });
      case 'boolean': return h('span', { class: 'j-bool', text: String(value) });
      default: return h('span', { class: 'j-null', text: String(value) });
    }
  }
  function tryJson(text) {
    if (typeof text !== 'string') return undefined;
    var t = text.trim();
    if (t[0] !== '{' && t[0] !== '[') return undefined;
    try { return JSON.parse(t); } catch (e) { return undefined; }
  }
  /** A body: pretty JSON when it is JSON, text otherwise. */
  function bodyView(text) {
    if (text === undefined || text === null || text === '') return h('div', { class: 'muted', text: '(no body)' });
    var parsed = tryJson(text);
    return h('pre', { class: 'code' }, parsed === undefined ? text : jsonView(parsed));
  }
  /** typed: values as JSON (strings quoted), so "10" and 10 look different, as they are to a tag. */
  function kvTable(obj, emptyText, typed) {
    var keys = Object.keys(obj || {});
    if (!keys.length) return h('div', { class: 'muted', text: emptyText || '(none)' });
    return h('table', { class: 'kv' }, h('tbody', null, keys.map(function (k) {
      var v = obj[k];
      var cell = typeof v === 'object' && v !== null ? h('pre', { class: 'code inline' }, jsonView(v)) : typed ? jsonView(v) : String(v);
      return h('tr', null, h('th', { text: k }), h('td', null, cell));
    })));
  }
  function box(title, extra) {
    var body = h('div', { class: 'box-body' });
    var el = h('section', { class: 'box' }, h('header', { class: 'box-head' }, h('h2', { text: title }), extra || null), body);
    for (var i = 2; i < arguments.length; i++) append(body, arguments[i]);
    return el;
  }
  function fold(summary, content, open) {
    return h('details', { class: 'fold', open: open ? true : null }, h('summary', null, summary), content);
  }
  function pill(text, kind) { return h('span', { class: 'pill ' + (kind || ''), text: text }); }
  function statusPill(status) {
    if (!status) return pill('…', 'running');
    return pill(String(status), status >= 500 ? 'bad' : status >= 400 ? 'warn' : 'good');
  }
  function tagPill(status) { return pill(STATUS_TEXT[status] || status, 'tag-' + status); }

  // ------------------------------------------------------------------ derived data

  function ordered() {
    return Array.from(state.requests.values()).sort(function (a, b) { return b.seq - a.seq; });
  }
  function tagsOf(request) {
    var out = [];
    request.events.forEach(function (ev) { ev.tags.forEach(function (t) { out.push({ event: ev, tag: t }); }); });
    return out;
  }
  function eventState(ev) {
    if (!ev.tags.length) return 'running';
    if (ev.tags.some(function (t) { return t.status !== 'success'; })) return ev.tags.filter(function (t) { return t.status !== 'success'; })[0].status;
    return 'success';
  }
  function resultLine(tag) {
    for (var i = tag.console.length - 1; i >= 0; i--) {
      var rec = tryJson(tag.console[i].message);
      if (rec && rec.type === 'result') return rec;
    }
    return undefined;
  }
  function matches(request, filter) {
    if (!filter) return true;
    var hay = [request.method, request.path, request.client || '', String(request.response ? request.response.status : ''), request.error || '', '#' + request.seq];
    request.events.forEach(function (ev) {
      hay.push(ev.name);
      ev.tags.forEach(function (t) { hay.push(t.status, STATUS_TEXT[t.status] || ''); });
    });
    return hay.join(' ').toLowerCase().indexOf(filter) !== -1;
  }

  // ------------------------------------------------------------------ sidebar

  function renderSidebar() {
    var list = clear($('requests'));
    var all = ordered();
    var shown = all.filter(function (r) { return matches(r, state.filter); });
    $('empty-list').hidden = all.length > 0;
    var events = 0, failed = 0;
    all.forEach(function (r) {
      events += r.events.length;
      r.events.forEach(function (ev) { if (eventState(ev) !== 'success' && eventState(ev) !== 'running') failed++; });
    });
    $('counts').textContent = plural(all.length, 'request') + ' · ' + plural(events, 'event') + (failed ? ' · ' + failed + ' failed' : '') +
      (state.filter ? ' · ' + shown.length + ' shown' : '');
    shown.forEach(function (r) {
      var sel = state.selected && state.selected.id === r.id;
      var reqSelected = sel && state.selected.event === null;
      var row = h('button', {
        class: 'req-row' + (reqSelected ? ' selected' : '') + (r.state === 'rejected' ? ' rejected' : ''),
        'data-testid': 'request-row',
        onclick: function () { select(r.id, null, 'request'); },
      },
      h('div', { class: 'req-line' },
        h('span', { class: 'seq', text: '#' + r.seq }),
        h('span', { class: 'method', text: r.method }),
        h('span', { class: 'path', text: r.path }),
        statusPill(r.response && r.response.status)),
      h('div', { class: 'req-sub' },
        h('span', { text: time(r.receivedAt) }),
        r.client ? h('span', { class: 'client', text: r.client }) : null,
        r.state === 'rejected' ? h('span', { class: 'err', text: r.error || 'rejected' }) : h('span', { text: plural(r.events.length, 'event') })));
      var evs = h('ol', { class: 'events' }, r.events.map(function (ev) {
        var st = eventState(ev);
        var evSel = sel && state.selected.event === ev.index;
        return h('li', null, h('button', {
          class: 'ev-row' + (evSel ? ' selected' : ''),
          'data-testid': 'event-row',
          onclick: function () { select(r.id, ev.index, state.tab === 'request' ? 'tags' : state.tab); },
        },
        h('span', { class: 'dot ' + st, title: STATUS_TEXT[st] || st }),
        h('span', { class: 'ev-index', text: String(ev.index + 1) }),
        h('span', { class: 'ev-name', text: ev.name }),
        h('span', { class: 'ev-status ' + st, text: STATUS_TEXT[st] || st })));
      }));
      list.appendChild(h('li', { class: 'req' + (sel ? ' open' : '') }, row, evs));
    });
  }

  // ------------------------------------------------------------------ detail

  function renderDetail() {
    var sel = state.selected && state.requests.get(state.selected.id);
    $('welcome').hidden = !!sel;
    $('detail').hidden = !sel;
    if (!sel) return;
    var ev = state.selected.event === null ? null : sel.events[state.selected.event];
    var crumbs = clear($('crumbs'));
    crumbs.appendChild(h('span', { text: '#' + sel.seq + ' ' + sel.method + ' ' + sel.path }));
    crumbs.appendChild(h('span', { class: 'muted', text: ' · ' + time(sel.receivedAt) + (sel.durationMs !== undefined ? ' · ' + ms(sel.durationMs) : '') }));
    $('detail-title').textContent = ev ? ev.name : (sel.client ? sel.client + ' request' : 'Unclaimed request');
    var status = clear($('detail-status'));
    if (ev) status.appendChild(tagPill(eventState(ev)));
    else status.appendChild(statusPill(sel.response && sel.response.status));

    Array.prototype.forEach.call($('tabs').children, function (b) {
      b.classList.toggle('active', b.getAttribute('data-tab') === state.tab);
      b.setAttribute('aria-selected', b.getAttribute('data-tab') === state.tab ? 'true' : 'false');
      var count = '';
      if (b.getAttribute('data-tab') === 'tags') count = String((ev ? ev.tags : tagsOf(sel)).length);
      if (b.getAttribute('data-tab') === 'console') count = String((ev ? [ev] : sel.events).reduce(function (n, e) { return n + e.tags.reduce(function (m, t) { return m + t.console.length; }, 0); }, 0));
      var label = b.getAttribute('data-label') || b.textContent;
      b.setAttribute('data-label', label);
      clear(b).appendChild(document.createTextNode(label));
      if (count) b.appendChild(h('span', { class: 'count', text: count }));
    });

    var body = clear($('tab-body'));
    if (state.tab === 'request') body.appendChild(requestTab(sel, ev));
    else if (state.tab === 'tags') body.appendChild(tagsTab(sel, ev));
    else if (state.tab === 'console') body.appendChild(consoleTab(sel, ev));
    else body.appendChild(eventDataTab(sel, ev));
  }

  function queryTable(query) {
    var out = {};
    if (!query) return out;
    query.split('&').forEach(function (part) {
      if (!part) return;
      var i = part.indexOf('=');
      var k = i === -1 ? part : part.slice(0, i);
      var v = i === -1 ? '' : part.slice(i + 1);
      try { k = decodeURIComponent(k.replace(/\+/g, ' ')); v = decodeURIComponent(v.replace(/\+/g, ' ')); } catch (e) { /* shown raw */ }
      if (!(k in out)) out[k] = v;
    });
    return out;
  }

  function requestTab(req, ev) {
    var wrap = h('div', { class: 'stack' });
    if (req.state === 'rejected') {
      wrap.appendChild(h('div', { class: 'banner bad', role: 'alert' },
        h('strong', { text: 'Refused with HTTP ' + (req.response ? req.response.status : '4xx') + ': ' }), req.error || 'the request was not accepted'));
    }
    wrap.appendChild(box('Client', null, req.client
      ? h('p', null, h('strong', { text: req.client }), req.state === 'rejected'
        ? ' claimed the request but could not make events of it.'
        : ' claimed the request and made ' + plural(req.events.length, 'event') + '.')
      : h('p', { class: 'err', text: 'No client claimed the request.' })));
    var url = req.path + (req.query ? '?' + req.query : '');
    wrap.appendChild(box('Incoming HTTP Request', pill(req.method, 'method'),
      h('div', { class: 'url' }, h('code', { text: url })),
      h('div', { class: 'facts' }, 'Remote address ', h('code', { text: req.remoteAddress || '?' }), ' · body ' + req.bodyBytes + ' bytes' + (req.bodyTruncated ? ' (truncated in preview)' : '')),
      req.query ? fold('Query parameters (' + Object.keys(queryTable(req.query)).length + ')', kvTable(queryTable(req.query)), true) : null,
      fold('Headers (' + Object.keys(req.headers).length + ')', kvTable(req.headers)),
      fold('Body', bodyView(req.body), !!req.body)));
    var outgoing = [];
    (ev ? [ev] : req.events).forEach(function (e) { e.tags.forEach(function (t) { t.outgoingRequests.forEach(function (o) { outgoing.push({ tag: t, event: e, out: o }); }); }); });
    wrap.appendChild(box('Outgoing HTTP Requests (' + outgoing.length + ')', null,
      outgoing.length ? outgoing.map(function (x) { return outgoingView(x.out, x.tag.name + (ev ? '' : ' · ' + x.event.name)); })
        : h('div', { class: 'muted', text: req.events.length ? 'The tags made no HTTP requests.' : 'No events, no tags, no outgoing requests.' })));
    if (req.response) {
      wrap.appendChild(box('Response', statusPill(req.response.status),
        kvTable(req.response.headers, '(no headers)'),
        req.response.body ? bodyView(req.response.body) : null));
    }
    return wrap;
  }

  function outgoingView(o, by) {
    var r = o.response || {};
    var answered = typeof r.statusCode === 'number';
    var head = h('div', { class: 'out-head' },
      pill(o.method, 'method'),
      h('code', { class: 'out-url', text: o.url }),
      answered ? statusPill(r.statusCode) : pill(r.reason === 'timed_out' ? 'timed out' : 'failed', 'bad'),
      h('span', { class: 'muted', text: ms(o.durationMs) }));
    var respCode = answered ? tryJson(r.body) : undefined;
    return h('article', { class: 'outgoing', 'data-testid': 'outgoing-request' },
      head,
      h('div', { class: 'facts' }, 'Sent by ', h('strong', { text: by }),
        o.routedTo ? [' · routed to ', h('code', { text: o.routedTo })] : null,
        respCode && typeof respCode.code === 'number' ? [' · TikTok code ', h('strong', { class: respCode.code === 0 ? 'good-text' : 'err', text: String(respCode.code) }), respCode.message ? ' ' + respCode.message : ''] : null),
      h('div', { class: 'cols' },
        h('div', { class: 'col' }, h('h3', { text: 'Request' }), fold('Headers (' + Object.keys(o.headers || {}).length + ')', kvTable(o.headers), true), fold('Body', bodyView(o.body), true)),
        h('div', { class: 'col' }, h('h3', { text: 'Response' }),
          answered ? [h('div', { class: 'facts' }, 'Status ', h('strong', { text: String(r.statusCode) })), fold('Headers (' + Object.keys(r.headers || {}).length + ')', kvTable(r.headers)), fold('Body', bodyView(r.body), true)]
            : h('p', { class: 'err', text: r.reason === 'timed_out' ? 'No response: the request timed out.' : 'No response: the request failed (network).' }))));
  }

  function tagsTab(req, ev) {
    var list = ev ? ev.tags.map(function (t) { return { tag: t, event: ev }; }) : tagsOf(req);
    var wrap = h('div', { class: 'stack' });
    if (!list.length) {
      wrap.appendChild(box('Tags Fired', null, h('div', { class: 'muted', text: req.state === 'running' ? 'Tags are running…' : req.state === 'rejected' ? 'The request was rejected before any event was made: ' + (req.error || '') : 'No tags fired.' })));
      return wrap;
    }
    wrap.appendChild(box('Tags Fired (' + list.length + ')', null, h('div', { class: 'tag-cards' }, list.map(function (x) {
      var t = x.tag;
      var res = resultLine(t);
      return h('article', { class: 'tag-card ' + t.status, 'data-testid': 'tag-card' },
        h('div', { class: 'tag-top' },
          h('span', { class: 'dot ' + t.status }),
          h('h3', { text: t.name }),
          tagPill(t.status)),
        h('div', { class: 'facts' }, ev ? null : [h('strong', { text: x.event.name }), ' · '], 'Fired 1 time · ', ms(t.executionTimeMs), ' · ' + plural(t.outgoingRequests.length, 'outgoing request')),
        t.error ? h('pre', { class: 'code error-text', text: t.error }) : null,
        res ? h('div', { class: 'result' },
          h('span', { text: 'Result: ' }), h('strong', { class: res.outcome === 'success' ? 'good-text' : res.outcome === 'failure' ? 'err' : '', text: res.outcome }),
          res.tiktok_event ? ' · TikTok ' + res.tiktok_event : '',
          res.error_kind ? ' · ' + res.error_kind : '',
          res.skip_reason ? ' · ' + res.skip_reason : '',
          res.http_status !== null && res.http_status !== undefined ? ' · HTTP ' + res.http_status : '',
          res.tiktok_code !== null && res.tiktok_code !== undefined ? ' · code ' + res.tiktok_code : '',
          res.attempts ? ' · ' + plural(res.attempts, 'attempt') : '',
          res.error_message ? h('div', { class: 'muted', text: res.error_message }) : null) : null,
        t.cookiesSet.length ? h('div', { class: 'facts' }, 'Cookies set: ', t.cookiesSet.map(function (c) { return h('code', { text: c.header }); })) : null,
        t.outgoingRequests.length ? fold('Outgoing HTTP requests (' + t.outgoingRequests.length + ')', t.outgoingRequests.map(function (o) { return outgoingView(o, t.name); })) : null);
    }))));
    wrap.appendChild(box('Tags Not Fired (0)', null, h('div', { class: 'muted', text: 'None: the local container fires its one tag on every event.' })));
    return wrap;
  }

  function consoleTab(req, ev) {
    var rows = [];
    (ev ? [ev] : req.events).forEach(function (e) {
      e.tags.forEach(function (t) { t.console.forEach(function (c) { rows.push({ e: e, t: t, c: c }); }); });
    });
    if (!rows.length) return box('Console', null, h('div', { class: 'muted', text: 'No console messages.' }));
    return box('Console (' + rows.length + ')', null, h('ol', { class: 'console' }, rows.map(function (r) {
      var rec = tryJson(r.c.message);
      var level = rec && rec.severity ? rec.severity.toLowerCase() : r.c.level;
      return h('li', { class: 'log ' + level },
        h('span', { class: 'level', text: rec && rec.severity ? rec.severity : r.c.level.toUpperCase() }),
        h('span', { class: 'who', text: r.t.name + (ev ? '' : ' · ' + r.e.name) }),
        rec ? fold(h('span', null, rec.type ? h('span', { class: 'pill small', text: rec.type }) : null, ' ', rec.message || ''), h('pre', { class: 'code' }, jsonView(rec)))
          : h('span', { class: 'msg', text: r.c.message }));
    })));
  }

  function eventDataTab(req, ev) {
    var events = ev ? [ev] : req.events;
    if (!events.length) return box('Event Data', null, h('div', { class: 'muted', text: 'This request made no events.' }));
    return h('div', { class: 'stack' }, events.map(function (e) {
      return box('Event Data · ' + e.name + (events.length > 1 ? ' (event ' + (e.index + 1) + ')' : ''), null, kvTable(e.eventData, '(empty)', true));
    }));
  }

  // ------------------------------------------------------------------ state changes

  function select(id, eventIndex, tab) {
    state.selected = { id: id, event: eventIndex };
    state.pinned = true;
    if (tab) state.tab = tab;
    render();
  }

  function followNewest() {
    if (state.pinned) return;
    var newest = ordered()[0];
    if (!newest) return;
    state.selected = { id: newest.id, event: newest.events.length ? 0 : null };
    if (!newest.events.length) state.tab = 'request';
    else if (state.tab === 'request') state.tab = 'tags';
  }

  var scheduled = false;
  function render() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(function () {
      scheduled = false;
      followNewest();
      renderSidebar();
      renderDetail();
    });
  }

  function upsert(request) {
    state.requests.set(request.id, request);
    if (state.requests.size > state.max) {
      var oldest = ordered().slice(state.max);
      oldest.forEach(function (r) { state.requests.delete(r.id); });
      if (state.selected && !state.requests.has(state.selected.id)) { state.selected = null; state.pinned = false; }
    }
  }

  function showInfo(info) {
    state.info = info;
    if (info.maxRequests) state.max = info.maxRequests;
    $('container-id').textContent = info.containerId || '';
    var meta = clear($('meta'));
    if (info.template) meta.appendChild(h('span', null, 'Tag ', h('strong', { text: info.tag || '' }), ' from ', h('code', { text: info.template })));
    if (info.target) meta.appendChild(h('span', null, 'Target ', h('strong', { text: info.target })));
    if (info.mode) meta.appendChild(h('span', null, h('span', { class: 'pill small', text: info.mode })));
  }

  function load() {
    return fetch('/preview.json').then(function (r) { return r.json(); }).then(function (data) {
      showInfo(data);
      state.requests.clear();
      data.requests.forEach(upsert);
      render();
    });
  }

  function setLive(ok, text) {
    $('live').classList.toggle('off', !ok);
    $('live-text').textContent = text;
  }

  function connect() {
    if (!window.EventSource) { setLive(false, 'polling'); setInterval(load, 2000); return; }
    var source = new EventSource('/preview/stream');
    source.addEventListener('hello', function () { setLive(true, 'Live'); load(); });
    source.addEventListener('request', function (e) {
      try { upsert(JSON.parse(e.data)); render(); } catch (err) { /* a malformed message is skipped */ }
    });
    source.onerror = function () { setLive(false, 'reconnecting…'); };
  }

  // ------------------------------------------------------------------ wiring

  Array.prototype.forEach.call($('tabs').children, function (b) {
    b.addEventListener('click', function () { state.tab = b.getAttribute('data-tab'); state.pinned = true; render(); });
  });
  $('filter').addEventListener('input', function (e) { state.filter = e.target.value.trim().toLowerCase(); render(); });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { state.pinned = false; render(); }
  });

  load().then(connect, function () { setLive(false, 'server unreachable'); setTimeout(function () { load().then(connect); }, 2000); });
})();
