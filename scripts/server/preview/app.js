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
    // Live updates must not undo what the user did: which folds they opened or closed (per
    // selection and tab), where they scrolled, which rows they already saw.
    folds: {},
    rows: new Map(), // request id -> { sig, el }
    sigs: new Map(), // request id -> the JSON it was last rendered from
    changed: new Set(), // request ids changed since the last render
    unseen: 0, // requests that arrived while the list was scrolled away from the top
    detailKey: null, // the selection the detail pane shows
    restoring: false, // a scroll we made, not the user
  };

  var STATUS_TEXT = { success: 'Succeeded', failure: 'Failed', exception: 'Exception', timeout: 'Timeout', running: 'Running' };
  var SKIP_TEXT = { consent_denied: 'consent denied', event_not_mapped: 'event not mapped', skip_requested: 'skip requested', monitoring_ping: 'monitoring ping' };
  /** Why, when the result line itself does not say (no warnings, no error_message). */
  var SKIP_WHY = {
    consent_denied: 'Ad storage consent was denied for this event (consent_state.ad_storage or x-ga-gcs), so the tag sent nothing to TikTok.',
    event_not_mapped: 'The tag found no TikTok event name for this event (not a standard event, no row in the tag\'s mapping, not sendable as a custom name), so it sent nothing.',
    skip_requested: 'The tag was told to skip this event, so it sent nothing.',
    monitoring_ping: 'The page is GTM\'s own monitoring host (gtm-msr.appspot.com): a monitoring ping, not user traffic, so the tag sent nothing.',
  };
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
  /** The selection (request, event, tab) folds are remembered for. */
  function selectionKey() {
    return state.selected ? state.selected.id + ':' + state.selected.event + ':' + state.tab : '';
  }
  /** A fold; with a key, it stays as the user left it across live updates. Opening one pins the selection. */
  function fold(summary, content, open, key) {
    var k = key ? selectionKey() + '|' + key : null;
    var remembered = k && Object.prototype.hasOwnProperty.call(state.folds, k) ? state.folds[k] : undefined;
    var el = h('details', { class: 'fold', open: (remembered !== undefined ? remembered : open) ? true : null, 'data-key': key || null });
    var sum = h('summary', null, summary);
    if (k) sum.addEventListener('click', function () { state.folds[k] = !el.open; state.pinned = true; });
    el.appendChild(sum);
    append(el, content);
    return el;
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
  function warningsOf(res) {
    return res && Array.isArray(res.warnings) ? res.warnings.filter(function (w) { return w && typeof w === 'object'; }) : [];
  }
  /** {reason, why} when the tag skipped the event (it still called gtmOnSuccess, as GTM shows). */
  function skipOf(tag) {
    var res = resultLine(tag);
    if (!res || res.outcome !== 'skipped') return undefined;
    var reason = res.skip_reason || 'skipped';
    // Data-quality warnings explain a skip only when they are about the name that could not be mapped
    // (e.g. the custom-name rule that refused it); a consent skip of an event with no items is still a consent skip.
    var nameWarnings = reason === 'event_not_mapped'
      ? warningsOf(res).filter(function (w) { return /^event_name_/.test(String(w.code)); }).map(function (w) { return w.message; }).filter(Boolean)
      : [];
    var why = nameWarnings.length ? nameWarnings.join(' ') : res.error_message || SKIP_WHY[reason] || 'The tag skipped this event and sent nothing.';
    return { reason: reason, text: SKIP_TEXT[reason] || String(reason).replace(/_/g, ' '), why: why };
  }
  function eventSkip(ev) {
    for (var i = 0; i < ev.tags.length; i++) { var sk = skipOf(ev.tags[i]); if (sk) return sk; }
    return undefined;
  }
  function eventWarnings(ev) {
    var n = 0;
    ev.tags.forEach(function (t) { n += warningsOf(resultLine(t)).length; });
    return n;
  }
  /** "Succeeded · skipped (consent denied)": GTM's word, plus what the tag really did. */
  function statusText(ev) {
    var st = eventState(ev);
    var sk = st === 'success' ? eventSkip(ev) : undefined;
    return (STATUS_TEXT[st] || st) + (sk ? ' · skipped (' + sk.text + ')' : '');
  }
  /** Per outgoing request: attempt i of n, the wait before it, and how the tag classified the answer (from its debug lines). */
  function attemptsOf(tag) {
    var requests = {}, responses = {};
    tag.console.forEach(function (c) {
      var rec = tryJson(c.message);
      if (!rec || typeof rec.attempt !== 'number') return;
      if (rec.type === 'request') requests[rec.attempt] = rec;
      if (rec.type === 'response') responses[rec.attempt] = rec;
    });
    var n = tag.outgoingRequests.length;
    return tag.outgoingRequests.map(function (o, i) {
      var number = i + 1;
      var answer = responses[number];
      var before = responses[number - 1], sent = requests[number];
      return {
        number: number,
        of: n,
        kind: answer ? (answer.error_kind || 'success') : undefined,
        previousKind: before ? (before.error_kind || 'success') : undefined,
        waitMs: number > 1 && before && sent && typeof before.time_ms === 'number' && typeof sent.time_ms === 'number' ? Math.max(0, sent.time_ms - before.time_ms) : undefined,
      };
    });
  }
  function matches(request, filter) {
    if (!filter) return true;
    var hay = [request.method, request.path, request.client || '', String(request.response ? request.response.status : ''), request.error || '', '#' + request.seq];
    request.events.forEach(function (ev) {
      hay.push(ev.name);
      ev.tags.forEach(function (t) {
        hay.push(t.status, STATUS_TEXT[t.status] || '');
        var sk = skipOf(t);
        if (sk) hay.push('skipped', sk.reason, sk.text);
        warningsOf(resultLine(t)).forEach(function (w) { hay.push('warning', w.code || ''); });
      });
    });
    return hay.join(' ').toLowerCase().indexOf(filter) !== -1;
  }

  // ------------------------------------------------------------------ sidebar

  function requestItem(r) {
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
      var sk = st === 'success' ? eventSkip(ev) : undefined;
      var warnings = eventWarnings(ev);
      var evSel = sel && state.selected.event === ev.index;
      return h('li', null, h('button', {
        class: 'ev-row' + (evSel ? ' selected' : ''),
        'data-testid': 'event-row',
        title: sk ? 'Skipped: ' + sk.why : null,
        onclick: function () { select(r.id, ev.index, state.tab === 'request' ? 'tags' : state.tab); },
      },
      h('span', { class: 'dot ' + st + (sk ? ' skipped' : ''), title: STATUS_TEXT[st] || st }),
      h('span', { class: 'ev-index', text: String(ev.index + 1) }),
      h('span', { class: 'ev-name', text: ev.name }),
      warnings ? h('span', { class: 'ev-warn', title: plural(warnings, 'data quality warning'), text: '⚠ ' + warnings }) : null,
      h('span', { class: 'ev-status ' + st + (sk ? ' skipped' : ''), text: statusText(ev) })));
    }));
    return h('li', { class: 'req' + (sel ? ' open' : ''), 'data-id': r.id }, row, evs);
  }

  /** The first row at least partly visible, and how far below the list's top edge it is. */
  function scrollAnchor(list) {
    for (var el = list.firstElementChild; el; el = el.nextElementSibling) {
      if (el.offsetTop + el.offsetHeight > list.scrollTop) return { id: el.getAttribute('data-id'), offset: el.offsetTop - list.scrollTop };
    }
    return null;
  }

  function renderSidebar() {
    var list = $('requests');
    var all = ordered();
    var shown = all.filter(function (r) { return matches(r, state.filter); });
    $('empty-list').hidden = all.length > 0;
    var events = 0, failed = 0, skipped = 0, warned = 0;
    all.forEach(function (r) {
      events += r.events.length;
      r.events.forEach(function (ev) {
        var st = eventState(ev);
        if (st !== 'success' && st !== 'running') failed++;
        else if (st === 'success' && eventSkip(ev)) skipped++;
        if (eventWarnings(ev)) warned++;
      });
    });
    $('counts').textContent = plural(all.length, 'request') + ' · ' + plural(events, 'event') + (skipped ? ' · ' + skipped + ' skipped' : '') +
      (failed ? ' · ' + failed + ' failed' : '') + (warned ? ' · ' + warned + ' with warnings' : '') + (state.filter ? ' · ' + shown.length + ' shown' : '');

    // Rows are kept and only rebuilt when their request (or its selection) changed: a live update
    // adds rows, it does not replace the list, and what the user was looking at stays put.
    var scrolledAway = list.scrollTop > 2;
    var anchor = scrolledAway ? scrollAnchor(list) : null;
    var keep = new Set();
    shown.forEach(function (r, i) {
      var sel = state.selected && state.selected.id === r.id ? 'sel:' + state.selected.event : '';
      var sig = state.sigs.get(r.id) + '|' + sel;
      var cached = state.rows.get(r.id);
      if (!cached || cached.sig !== sig) {
        var el = requestItem(r);
        if (cached && cached.el.parentNode === list) list.replaceChild(el, cached.el);
        cached = { sig: sig, el: el };
        state.rows.set(r.id, cached);
      }
      keep.add(r.id);
      if (list.children[i] !== cached.el) list.insertBefore(cached.el, list.children[i] || null);
    });
    state.rows.forEach(function (cached, id) {
      if (!keep.has(id)) {
        if (cached.el.parentNode === list) list.removeChild(cached.el);
        if (!state.requests.has(id)) state.rows.delete(id);
      }
    });
    if (anchor) {
      var again = state.rows.get(anchor.id);
      if (again && again.el.parentNode === list) list.scrollTop = again.el.offsetTop - anchor.offset;
    }
    var marker = $('new-marker');
    marker.hidden = !state.unseen;
    marker.textContent = state.unseen ? state.unseen + ' new ↑' : '';
  }

  // ------------------------------------------------------------------ detail

  function renderDetail() {
    var sel = state.selected && state.requests.get(state.selected.id);
    $('welcome').hidden = !!sel;
    $('detail').hidden = !sel;
    if (!sel) { state.detailKey = null; return; }
    var key = selectionKey();
    var same = key === state.detailKey;
    // Nothing the pane shows changed: leave it alone (open folds, text selection, scroll).
    if (same && !state.changed.has(sel.id) && !state.infoChanged) return;
    var main = $('main');
    var top = main.scrollTop;
    var ev = state.selected.event === null ? null : sel.events[state.selected.event];
    var crumbs = clear($('crumbs'));
    crumbs.appendChild(h('span', { text: '#' + sel.seq + ' ' + sel.method + ' ' + sel.path }));
    crumbs.appendChild(h('span', { class: 'muted', text: ' · ' + time(sel.receivedAt) + (sel.durationMs !== undefined ? ' · ' + ms(sel.durationMs) : '') }));
    $('detail-title').textContent = ev ? ev.name : (sel.client ? sel.client + ' request' : 'Unclaimed request');
    var status = clear($('detail-status'));
    if (ev) {
      status.appendChild(tagPill(eventState(ev)));
      var skip = eventState(ev) === 'success' ? eventSkip(ev) : undefined;
      if (skip) status.appendChild(pill('Skipped: ' + skip.text, 'skip'));
    } else status.appendChild(statusPill(sel.response && sel.response.status));

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
    state.detailKey = key;
    if (main.scrollTop !== (same ? top : 0)) {
      state.restoring = true;
      main.scrollTop = same ? top : 0;
    }
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
      req.query ? fold('Query parameters (' + Object.keys(queryTable(req.query)).length + ')', kvTable(queryTable(req.query)), true, 'in-query') : null,
      fold('Headers (' + Object.keys(req.headers).length + ')', kvTable(req.headers), false, 'in-headers'),
      fold('Body', bodyView(req.body), !!req.body, 'in-body')));
    var outgoing = [];
    (ev ? [ev] : req.events).forEach(function (e) {
      e.tags.forEach(function (t, ti) {
        var attempts = attemptsOf(t);
        t.outgoingRequests.forEach(function (o, oi) { outgoing.push({ tag: t, event: e, out: o, attempt: attempts[oi], key: 'out-' + e.index + '-' + ti + '-' + oi }); });
      });
    });
    wrap.appendChild(box('Outgoing HTTP Requests (' + outgoing.length + ')', null,
      outgoing.length ? outgoing.map(function (x) { return outgoingView(x.out, x.tag.name + (ev ? '' : ' · ' + x.event.name), x.key, x.attempt); })
        : h('div', { class: 'muted', text: req.events.length ? 'The tags made no HTTP requests.' : 'No events, no tags, no outgoing requests.' })));
    if (req.response) {
      wrap.appendChild(box('Response', statusPill(req.response.status),
        kvTable(req.response.headers, '(no headers)'),
        req.response.body ? bodyView(req.response.body) : null));
    }
    return wrap;
  }

  function outgoingView(o, by, key, attempt) {
    var r = o.response || {};
    var answered = typeof r.statusCode === 'number';
    var retried = attempt && attempt.of > 1;
    var head = h('div', { class: 'out-head' },
      retried ? pill('attempt ' + attempt.number + ' of ' + attempt.of, 'attempt') : null,
      pill(o.method, 'method'),
      h('code', { class: 'out-url', text: o.url }),
      answered ? statusPill(r.statusCode) : pill(r.reason === 'timed_out' ? 'timed out' : 'failed', 'bad'),
      attempt && attempt.kind ? pill(attempt.kind === 'success' ? 'success' : attempt.kind, attempt.kind === 'success' ? 'good' : 'bad') : null,
      h('span', { class: 'muted', text: ms(o.durationMs) }));
    var respCode = answered ? tryJson(r.body) : undefined;
    return h('article', { class: 'outgoing', 'data-testid': 'outgoing-request' },
      retried && attempt.number > 1 ? h('div', { class: 'retry-wait', 'data-testid': 'retry-wait', text: 'Retried' + (attempt.waitMs !== undefined ? ' after ' + attempt.waitMs + ' ms' : '') +
        ': attempt ' + (attempt.number - 1) + (attempt.previousKind ? ' ended as ' + attempt.previousKind : ' did not succeed') }) : null,
      head,
      h('div', { class: 'facts' }, 'Sent by ', h('strong', { text: by }),
        o.routedTo ? [' · routed to ', h('code', { text: o.routedTo })] : null,
        respCode && typeof respCode.code === 'number' ? [' · TikTok code ', h('strong', { class: respCode.code === 0 ? 'good-text' : 'err', text: String(respCode.code) }), respCode.message ? ' ' + respCode.message : ''] : null),
      h('div', { class: 'cols' },
        h('div', { class: 'col' }, h('h3', { text: 'Request' }), fold('Headers (' + Object.keys(o.headers || {}).length + ')', kvTable(o.headers), true, key && key + '-req-headers'), fold('Body', bodyView(o.body), true, key && key + '-req-body')),
        h('div', { class: 'col' }, h('h3', { text: 'Response' }),
          answered ? [h('div', { class: 'facts' }, 'Status ', h('strong', { text: String(r.statusCode) })), fold('Headers (' + Object.keys(r.headers || {}).length + ')', kvTable(r.headers), false, key && key + '-resp-headers'), fold('Body', bodyView(r.body), true, key && key + '-resp-body')]
            : h('p', { class: 'err', text: r.reason === 'timed_out' ? 'No response: the request timed out.' : 'No response: the request failed (network).' }))));
  }

  function tagsTab(req, ev) {
    var list = ev ? ev.tags.map(function (t) { return { tag: t, event: ev }; }) : tagsOf(req);
    var wrap = h('div', { class: 'stack' });
    if (!list.length) {
      wrap.appendChild(box('Tags Fired', null, h('div', { class: 'muted', text: req.state === 'running' ? 'Tags are running…' : req.state === 'rejected' ? 'The request was rejected before any event was made: ' + (req.error || '') : 'No tags fired.' })));
      return wrap;
    }
    wrap.appendChild(box('Tags Fired (' + list.length + ')', null, h('div', { class: 'tag-cards' }, list.map(function (x, xi) {
      var t = x.tag;
      var res = resultLine(t);
      var skip = t.status === 'success' ? skipOf(t) : undefined;
      var warnings = warningsOf(res);
      var attempts = attemptsOf(t);
      var cardKey = 'tag-' + x.event.index + '-' + xi;
      return h('article', { class: 'tag-card ' + t.status + (skip ? ' skipped' : ''), 'data-testid': 'tag-card' },
        h('div', { class: 'tag-top' },
          h('span', { class: 'dot ' + t.status + (skip ? ' skipped' : '') }),
          h('h3', { text: t.name }),
          tagPill(t.status),
          skip ? pill('Skipped: ' + skip.text, 'skip') : null),
        h('div', { class: 'facts' }, ev ? null : [h('strong', { text: x.event.name }), ' · '], 'Fired 1 time · ', ms(t.executionTimeMs), ' · ' + plural(t.outgoingRequests.length, 'outgoing request')),
        t.error ? h('pre', { class: 'code error-text', text: t.error }) : null,
        skip ? h('div', { class: 'banner skip', 'data-testid': 'skip-why' }, h('strong', { text: 'Skipped (' + skip.text + '): ' }), skip.why) : null,
        res ? h('div', { class: 'result' },
          h('span', { text: 'Result: ' }), h('strong', { class: res.outcome === 'success' ? 'good-text' : res.outcome === 'failure' ? 'err' : '', text: res.outcome }),
          res.tiktok_event ? ' · TikTok ' + res.tiktok_event : '',
          res.error_kind ? ' · ' + res.error_kind : '',
          res.skip_reason ? ' · ' + res.skip_reason : '',
          res.http_status !== null && res.http_status !== undefined ? ' · HTTP ' + res.http_status : '',
          res.tiktok_code !== null && res.tiktok_code !== undefined ? ' · code ' + res.tiktok_code : '',
          res.attempts ? ' · ' + plural(res.attempts, 'attempt') : '',
          res.error_message ? h('div', { class: 'muted', text: res.error_message }) : null) : null,
        warnings.length ? warningList(warnings) : null,
        t.cookiesSet.length ? h('div', { class: 'facts' }, 'Cookies set: ', t.cookiesSet.map(function (c) { return h('code', { text: c.header }); })) : null,
        t.outgoingRequests.length ? fold('Outgoing HTTP requests (' + t.outgoingRequests.length + ')', t.outgoingRequests.map(function (o, oi) { return outgoingView(o, t.name, cardKey + '-out-' + oi, attempts[oi]); }), false, cardKey + '-out') : null,
        propertiesFold(cardKey));
    }))));
    wrap.appendChild(box('Tags Not Fired (0)', null, h('div', { class: 'muted', text: 'None: the local container fires its one tag on every event.' })));
    return wrap;
  }

  /** The result line's data-quality warnings: code, field, and why in words. */
  function warningList(warnings) {
    return h('div', { class: 'warnings', 'data-testid': 'warnings' },
      h('div', { class: 'warnings-head', text: '⚠ ' + plural(warnings.length, 'data quality warning') }),
      h('ul', null, warnings.map(function (w) {
        return h('li', null, h('code', { text: String(w.code || 'warning') }), w.field ? h('span', { class: 'muted', text: ' ' + w.field }) : null, ' ', String(w.message || ''));
      })));
  }

  /** The tag's configuration, as GTM's preview shows a tag's properties (secrets as [REDACTED]). */
  function propertiesFold(key) {
    var props = state.info.tagProperties || [];
    if (!props.length) return null;
    var set = props.filter(function (p) { return p.source !== 'unset'; });
    return fold('Properties (' + set.length + ' set of ' + props.length + ')', h('table', { class: 'kv props', 'data-testid': 'tag-properties' }, h('tbody', null, props.map(function (p) {
      return h('tr', { class: p.source },
        h('th', { title: p.name, text: p.displayName }),
        h('td', null, p.source === 'unset' ? h('span', { class: 'muted', text: '(not set)' })
          : [typeof p.value === 'object' && p.value !== null ? h('pre', { class: 'code inline' }, jsonView(p.value)) : jsonView(p.value),
            p.source === 'default' ? h('span', { class: 'muted', text: '  (default)' }) : null]));
    }))), false, key + '-props');
  }

  function consoleTab(req, ev) {
    var rows = [];
    (ev ? [ev] : req.events).forEach(function (e) {
      e.tags.forEach(function (t) { t.console.forEach(function (c) { rows.push({ e: e, t: t, c: c }); }); });
    });
    if (!rows.length) return box('Console', null, h('div', { class: 'muted', text: 'No console messages.' }));
    return box('Console (' + rows.length + ')', null, h('ol', { class: 'console' }, rows.map(function (r, i) {
      var rec = tryJson(r.c.message);
      var level = rec && rec.severity ? rec.severity.toLowerCase() : r.c.level;
      var warnings = rec && rec.type === 'result' ? warningsOf(rec) : [];
      return h('li', { class: 'log ' + level },
        h('span', { class: 'level', text: rec && rec.severity ? rec.severity : r.c.level.toUpperCase() }),
        h('span', { class: 'who', text: r.t.name + (ev ? '' : ' · ' + r.e.name) }),
        rec ? h('div', null,
          fold(h('span', null, rec.type ? h('span', { class: 'pill small', text: rec.type }) : null, ' ', rec.message || '',
            warnings.length ? [' ', h('span', { class: 'pill small warn', text: plural(warnings.length, 'warning') })] : null), h('pre', { class: 'code' }, jsonView(rec)), false, 'log-' + i),
          warnings.length ? warningList(warnings) : null)
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
      // A row replaced between mousedown and mouseup would swallow the click: wait for the mouseup.
      if (state.pressing) { state.deferred = true; return; }
      followNewest();
      renderSidebar();
      renderDetail();
      state.changed.clear();
      state.infoChanged = false;
    });
  }

  /** Drops a request the history no longer keeps, with what was remembered about it. */
  function forget(id) {
    state.requests.delete(id);
    state.sigs.delete(id);
    Object.keys(state.folds).forEach(function (k) { if (k.indexOf(id + ':') === 0) delete state.folds[k]; });
  }

  function upsert(request, raw) {
    var isNew = !state.requests.has(request.id);
    state.requests.set(request.id, request);
    state.sigs.set(request.id, raw || JSON.stringify(request));
    state.changed.add(request.id);
    if (isNew && state.loaded && $('requests').scrollTop > 2) state.unseen++;
    if (state.requests.size > state.max) {
      var oldest = ordered().slice(state.max);
      oldest.forEach(function (r) { forget(r.id); });
      if (state.selected && !state.requests.has(state.selected.id)) { state.selected = null; state.pinned = false; }
    }
  }

  function showInfo(info) {
    state.infoChanged = JSON.stringify(info.tagProperties) !== JSON.stringify(state.info.tagProperties);
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
      // A reload (after a reconnect) replaces the history; rows of requests no longer kept go.
      var ids = new Set(data.requests.map(function (r) { return r.id; }));
      Array.from(state.requests.keys()).forEach(function (id) { if (!ids.has(id)) forget(id); });
      data.requests.forEach(function (r) {
        var raw = JSON.stringify(r);
        if (state.sigs.get(r.id) !== raw) upsert(r, raw);
      });
      if (state.selected && !state.requests.has(state.selected.id)) { state.selected = null; state.pinned = false; }
      state.loaded = true;
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
      try { upsert(JSON.parse(e.data), e.data); render(); } catch (err) { /* a malformed message is skipped */ }
    });
    source.onerror = function () { setLive(false, 'reconnecting…'); };
  }

  // ------------------------------------------------------------------ wiring

  Array.prototype.forEach.call($('tabs').children, function (b) {
    b.addEventListener('click', function () { state.tab = b.getAttribute('data-tab'); state.pinned = true; render(); });
  });
  document.addEventListener('mousedown', function () { state.pressing = true; }, true);
  document.addEventListener('mouseup', function () {
    state.pressing = false;
    // render() waits for the next frame, so the click that follows this mouseup lands first.
    if (state.deferred) { state.deferred = false; render(); }
  }, true);
  $('filter').addEventListener('input', function (e) { state.filter = e.target.value.trim().toLowerCase(); render(); });
  $('requests').addEventListener('scroll', function () {
    if ($('requests').scrollTop <= 2 && state.unseen) { state.unseen = 0; $('new-marker').hidden = true; }
  });
  $('new-marker').addEventListener('click', function () {
    state.unseen = 0;
    $('new-marker').hidden = true;
    $('requests').scrollTop = 0;
  });
  // Scrolling the detail pane means reading it: stop following the newest request.
  $('main').addEventListener('scroll', function () {
    if (state.restoring) { state.restoring = false; return; }
    if ($('main').scrollTop > 0) state.pinned = true;
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { state.pinned = false; render(); }
  });

  load().then(connect, function () { setLive(false, 'server unreachable'); setTimeout(function () { load().then(connect); }, 2000); });
})();
