// The Tollgate console: tries a request against the packs in force and shows the decision as a person
// reads it. It talks to the decision service's public /v1 API only. Every text that comes from a request,
// a pack or a response is put into the page as text (textContent), never as markup.
'use strict';

const TEXT = {
  en: {
    title: 'Tollgate console', tabDecide: 'Decide a request', tabPacks: 'Packs in force', token: 'Access token',
    example: 'Example request', chooseExample: 'Choose an example…', pin: 'Pinned pack version (optional)',
    request: 'Request (JSON, see CONTRACT.md)', decideButton: 'Decide', search: 'Search rules',
    deciding: 'Deciding…', loading: 'Loading…', invalidJson: 'Invalid JSON at line {line}, column {column}: {message}',
    emptyRequest: 'Paste a request or choose an example first.', unauthorized: 'The service needs an access token (401): enter one above.',
    httpError: 'The service answered {status}: {message}', networkError: 'The service could not be reached: {message}',
    allow: 'ALLOW', deny: 'DENY', requestId: 'Request', decisionId: 'Decision id', at: 'At', packsUsed: 'Packs',
    findings: 'Findings', noFindings: 'No rule matched.', rule: 'Rule', effect: 'Effect', pack: 'Pack', message: 'Message',
    citation: 'Citation', fields: 'Fields', obligations: 'Obligations', action: 'Action', params: 'Parameters',
    allowedFields: 'Allowed fields', nextAllowedAt: 'Next allowed at', none: 'none',
    packCount: '{packs} packs, {rules} rules in force', matches: '{rules} rules match “{query}”', status: 'Status',
    confidence: 'Confidence', effective: 'Effective', from: 'from', until: 'until', title_: 'Title', version: 'Version',
    jurisdiction: 'Jurisdiction', digest: 'Digest', lookup: 'Look up a logged decision by its id', lookupButton: 'Look up',
    emptyLookup: 'Enter a decision id first.', decidedAt: 'Decided at', logEntry: 'Log entry'
  },
  zh: {
    title: 'Tollgate 控制台', tabDecide: '判定请求', tabPacks: '现行规则包', token: '访问令牌',
    example: '示例请求', chooseExample: '选择一个示例…', pin: '固定规则包版本（可选）',
    request: '请求（JSON，见 CONTRACT.md）', decideButton: '判定', search: '搜索规则',
    deciding: '判定中…', loading: '加载中…', invalidJson: 'JSON 无效：第 {line} 行第 {column} 列：{message}',
    emptyRequest: '请先粘贴请求或选择示例。', unauthorized: '服务需要访问令牌（401）：请在上方输入。',
    httpError: '服务返回 {status}：{message}', networkError: '无法连接服务：{message}',
    allow: '允许', deny: '拒绝', requestId: '请求', decisionId: '判定编号', at: '时间', packsUsed: '规则包',
    findings: '命中规则', noFindings: '没有规则命中。', rule: '规则', effect: '效力', pack: '规则包', message: '说明',
    citation: '依据', fields: '字段', obligations: '义务', action: '动作', params: '参数',
    allowedFields: '允许的字段', nextAllowedAt: '最早可再次呼叫时间', none: '无',
    packCount: '{packs} 个规则包，{rules} 条现行规则', matches: '{rules} 条规则匹配“{query}”', status: '状态',
    confidence: '可信度', effective: '生效', from: '自', until: '至', title_: '标题', version: '版本',
    jurisdiction: '法域', digest: '摘要', lookup: '按判定编号查询已记录的判定', lookupButton: '查询',
    emptyLookup: '请先输入判定编号。', decidedAt: '判定时间', logEntry: '日志条目'
  }
};

let lang = localStorage.getItem('tollgate.lang') || (navigator.language.startsWith('zh') ? 'zh' : 'en');
let lastDecision = null;
/** For a decision looked up in the decision log: its entry's seq and decidedAt; null for a fresh one. */
let lastLogged = null;
let lastMessage = null;
let packs = null;

function t(key, args) {
  return (TEXT[lang][key] || TEXT.en[key] || key).replace(/\{(\w+)\}/g, (m, name) => String(args && name in args ? args[name] : m));
}

/** An element with the given class and text; text is always text, never markup. */
function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** The language's text of a {zh, en} value from a pack or decision, falling back to the other. */
function localized(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  return value[lang] || value.en || value.zh || '';
}

/** A link only for http(s) addresses: a pack's url is data, and `javascript:` must never become a link. */
function citation(c) {
  const span = el('span', 'citation');
  if (!c) return span;
  const label = [c.instrument, c.article].filter(Boolean).join(' ');
  if (typeof c.url === 'string' && /^https?:\/\//i.test(c.url)) {
    const a = el('a', null, label);
    a.href = c.url;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    span.appendChild(a);
  } else {
    span.textContent = label;
  }
  return span;
}

function headers(json) {
  const h = {};
  if (json) h['Content-Type'] = 'application/json';
  const token = document.getElementById('token').value.trim();
  if (token) h.Authorization = 'Bearer ' + token;
  return h;
}

// --- JSON errors at their line and column -------------------------------------------------------------

/** Where a JSON text first breaks, as {line, column, message}, or null when it parses. */
function jsonError(text) {
  let i = 0;
  const fail = (message) => { throw {at: i, message}; };
  const ws = () => { while (i < text.length && ' \t\r\n'.includes(text[i])) i++; };
  const literal = (word) => { if (text.startsWith(word, i)) i += word.length; else fail('unexpected ' + describe()); };
  const describe = () => i >= text.length ? 'end of input' : "'" + text[i] + "'";
  function string() {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(text.substr(i + 1, 4))) fail('bad \\u escape'); i += 4; }
        else if (!'"\\/bfnrt'.includes(text[i] || '')) fail('bad escape');
      } else if (text.charCodeAt(i) < 0x20) fail('control character in a string');
      i++;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
  }
  function number() {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail('bad number');
    i += m[0].length;
  }
  function value(depth) {
    if (depth > 64) fail('nested too deeply');
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a field name in double quotes, found ' + describe());
        string(); ws();
        if (text[i] !== ':') fail("expected ':' after a field name, found " + describe());
        i++; value(depth + 1); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail("expected ',' or '}', found " + describe());
      }
    } else if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(depth + 1); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail("expected ',' or ']', found " + describe());
      }
    } else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c >= '0' && c <= '9')) number();
    else fail('expected a value, found ' + describe());
  }
  try {
    value(0); ws();
    if (i < text.length) fail('unexpected ' + describe() + ' after the value');
    return null;
  } catch (e) {
    const before = text.slice(0, e.at).split('\n');
    return {line: before.length, column: before[before.length - 1].length + 1, message: e.message};
  }
}

// --- deciding -------------------------------------------------------------------------------------------

/** A message in place of a decision, kept so that a change of language shows it again. */
function showMessage(className, key, args) {
  lastDecision = null;
  lastMessage = {className, key, args};
  document.getElementById('result').replaceChildren(el('p', className, t(key, args)));
}

async function decide() {
  const text = document.getElementById('request').value;
  if (!text.trim()) { showMessage('error', 'emptyRequest'); return; }
  const error = jsonError(text);
  if (error) { showMessage('error json-error', 'invalidJson', error); return; }
  showMessage('pending', 'deciding');
  const pin = document.getElementById('pin').value.trim();
  const url = '/v1/decisions' + (pin ? '?pin=' + encodeURIComponent(pin) : '');
  try {
    const response = await fetch(url, {method: 'POST', headers: headers(true), body: text});
    await show(response);
  } catch (e) {
    showMessage('error', 'networkError', {message: e.message});
  }
}

async function show(response) {
  if (response.status === 401) { showMessage('error', 'unauthorized'); return; }
  const body = await response.text();
  let decision = null;
  try { decision = JSON.parse(body); } catch (e) { /* not a decision: shown below */ }
  if (decision && typeof decision.decision === 'string') {
    lastDecision = decision;
    lastLogged = null;
    lastMessage = null;
    renderDecision();
  } else {
    showMessage('error', 'httpError', {status: response.status, message: decision && decision.error ? decision.error.message || decision.error : body.slice(0, 300)});
  }
}

/** Shows a decision from the decision log (GET /v1/decisions/{id}) as a fresh one is shown. */
async function lookup() {
  const id = document.getElementById('lookup-id').value.trim();
  if (!id) { showMessage('error', 'emptyLookup'); return; }
  showMessage('pending', 'loading');
  try {
    const response = await fetch('/v1/decisions/' + encodeURIComponent(id), {headers: headers(false)});
    if (response.status === 401) { showMessage('error', 'unauthorized'); return; }
    const body = await response.text();
    let entry = null;
    try { entry = JSON.parse(body); } catch (e) { /* not an entry: shown below */ }
    if (response.ok && entry && entry.decision && typeof entry.decision.decision === 'string') {
      lastDecision = entry.decision;
      lastLogged = {seq: entry.seq, decidedAt: entry.decidedAt};
      lastMessage = null;
      renderDecision();
    } else {
      showMessage('error', 'httpError', {status: response.status, message: entry && entry.error ? entry.error.message || entry.error : body.slice(0, 300)});
    }
  } catch (e) {
    showMessage('error', 'networkError', {message: e.message});
  }
}

function renderDecision() {
  const d = lastDecision;
  const result = document.getElementById('result');
  const out = [];
  const verdict = el('p', 'verdict ' + (d.decision === 'ALLOW' ? 'allow' : 'deny'), d.decision === 'ALLOW' ? t('allow') : t('deny'));
  verdict.id = 'verdict';
  verdict.dataset.decision = d.decision;
  out.push(verdict);

  const facts = el('dl', 'facts');
  const fact = (key, value) => { if (value) { facts.appendChild(el('dt', null, t(key))); facts.appendChild(el('dd', null, value)); } };
  fact('requestId', d.id);
  fact('decisionId', d.decisionId);
  fact('at', d.at);
  fact('packsUsed', (d.packs || []).map(p => p.id + '@' + p.version).join(', '));
  fact('nextAllowedAt', d.nextAllowedAt);
  if (lastLogged) {
    fact('decidedAt', lastLogged.decidedAt);
    fact('logEntry', String(lastLogged.seq));
  }
  out.push(facts);

  out.push(el('h2', null, t('findings')));
  const findings = d.findings || [];
  if (findings.length === 0) {
    out.push(el('p', 'none', t('noFindings')));
  } else {
    const table = el('table', 'findings');
    const head = table.createTHead().insertRow();
    const withFields = findings.some(f => f.fields && f.fields.length);
    for (const key of ['rule', 'effect', 'message', 'citation', 'pack'].concat(withFields ? ['fields'] : [])) head.appendChild(el('th', null, t(key)));
    const body = table.createTBody();
    for (const f of findings) {
      const row = body.insertRow();
      row.className = 'finding effect-' + String(f.effect).toLowerCase();
      row.appendChild(el('td', null)).appendChild(el('code', 'rule-id', f.rule));
      row.appendChild(el('td', 'effect', f.effect));
      row.appendChild(el('td', 'message', localized(f.message)));
      row.appendChild(el('td', null)).appendChild(citation(f.citation));
      row.appendChild(el('td', 'pack', f.pack));
      if (withFields) row.appendChild(el('td', 'fields', (f.fields || []).join(', ')));
    }
    out.push(table);
  }

  out.push(el('h2', null, t('obligations')));
  const obligations = d.obligations || [];
  if (obligations.length === 0) {
    out.push(el('p', 'none', t('none')));
  } else {
    const list = el('ul', 'obligations');
    for (const o of obligations) {
      const item = el('li', 'obligation');
      item.appendChild(el('code', 'rule-id', o.rule));
      item.appendChild(document.createTextNode(' '));
      item.appendChild(el('strong', 'action', o.action));
      if (o.params && Object.keys(o.params).length) item.appendChild(el('code', 'params', JSON.stringify(o.params)));
      list.appendChild(item);
    }
    out.push(list);
  }

  if (Array.isArray(d.allowedFields)) {
    out.push(el('h2', null, t('allowedFields')));
    out.push(el('p', 'allowed-fields', d.allowedFields.length ? d.allowedFields.join(', ') : t('none')));
  }
  result.replaceChildren(...out);
}

// --- packs in force ------------------------------------------------------------------------------------

async function loadPacks() {
  const status = document.getElementById('packs-status');
  status.textContent = t('loading');
  try {
    const response = await fetch('/v1/packs', {headers: headers(false)});
    if (response.status === 401) { status.textContent = t('unauthorized'); return; }
    if (!response.ok) { status.textContent = t('httpError', {status: response.status, message: ''}); return; }
    packs = inForce((await response.json()).packs);
    renderPacks();
  } catch (e) {
    status.textContent = t('networkError', {message: e.message});
  }
}

/** Of each pack, the version in force today: the highest whose effective dates cover today (as the engine picks). */
function inForce(all) {
  const today = new Date().toISOString().slice(0, 10);
  const newest = new Map();
  for (const p of all) {
    const e = p.effective || {};
    if ((e.from && e.from > today) || (e.to && e.to <= today)) continue;
    const current = newest.get(p.id);
    if (!current || compareVersions(p.version, current.version) > 0) newest.set(p.id, p);
  }
  return all.filter(p => newest.get(p.id) === p);
}

function compareVersions(a, b) {
  const x = a.split(/[.-]/).map(Number);
  const y = b.split(/[.-]/).map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

function renderPacks() {
  if (!packs) return;
  const typed = document.getElementById('search').value.trim();
  const query = typed.toLowerCase();
  const list = document.getElementById('pack-list');
  const out = [];
  let total = 0;
  let shown = 0;
  for (const p of packs) {
    const rules = p.rules || [];
    total += rules.length;
    const matching = rules.filter(r => !query || JSON.stringify(r).toLowerCase().includes(query));
    shown += matching.length;
    if (query && matching.length === 0) continue;
    const section = el('section', 'pack');
    section.appendChild(el('h2', null, p.id + '@' + p.version + ' — ' + localized(p.title)));
    const meta = el('p', 'pack-meta', [t('jurisdiction') + ': ' + (p.jurisdiction || ''),
      t('effective') + ': ' + period(p.effective), t('digest') + ': ' + (p.digest || '')].join(' · '));
    section.appendChild(meta);
    const table = el('table', 'rules');
    const head = table.createTHead().insertRow();
    for (const key of ['rule', 'title_', 'effect', 'status', 'citation', 'confidence', 'effective', 'message']) head.appendChild(el('th', null, t(key)));
    const body = table.createTBody();
    for (const r of matching) {
      const row = body.insertRow();
      row.className = 'rule';
      row.appendChild(el('td', null)).appendChild(el('code', 'rule-id', r.id));
      row.appendChild(el('td', null, localized(r.title)));
      row.appendChild(el('td', 'effect', r.effect));
      row.appendChild(el('td', null, r.status));
      row.appendChild(el('td', null)).appendChild(citation(r.citation));
      row.appendChild(el('td', null, r.confidence));
      row.appendChild(el('td', null, period(r.effective)));
      row.appendChild(el('td', 'message', localized(r.message)));
    }
    section.appendChild(table);
    out.push(section);
  }
  document.getElementById('packs-status').textContent = query
    ? t('matches', {rules: shown, query: typed}) : t('packCount', {packs: packs.length, rules: total});
  list.replaceChildren(...out);
}

function period(e) {
  if (!e) return '';
  return [e.from ? t('from') + ' ' + e.from : '', e.to ? t('until') + ' ' + e.to : ''].filter(Boolean).join(' ');
}

// --- examples, tabs and language -----------------------------------------------------------------------

async function loadExamples() {
  try {
    const response = await fetch('console/examples.json');
    const examples = await response.json();
    const select = document.getElementById('examples');
    for (const example of examples) {
      const option = el('option', null, example.name);
      option.value = JSON.stringify(example.request, null, 2);
      select.appendChild(option);
    }
  } catch (e) {
    /* the page still decides pasted requests */
  }
}

function showTab(name) {
  for (const panel of document.querySelectorAll('.panel')) panel.hidden = panel.id !== name;
  for (const tab of document.querySelectorAll('.tab')) tab.classList.toggle('active', tab.dataset.tab === name);
  if (name === 'packs' && !packs) loadPacks();
}

function applyLanguage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  document.title = t('title');
  const button = document.getElementById('lang');
  button.textContent = lang === 'zh' ? 'English' : '中文';
  if (lastDecision) renderDecision();
  if (lastMessage) showMessage(lastMessage.className, lastMessage.key, lastMessage.args);
  renderPacks();
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('decide-button').addEventListener('click', decide);
  document.getElementById('lookup-button').addEventListener('click', lookup);
  document.getElementById('examples').addEventListener('change', e => {
    if (e.target.value) document.getElementById('request').value = e.target.value;
  });
  document.getElementById('search').addEventListener('input', renderPacks);
  document.getElementById('lang').addEventListener('click', () => {
    lang = lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('tollgate.lang', lang);
    applyLanguage();
  });
  for (const tab of document.querySelectorAll('.tab')) tab.addEventListener('click', () => showTab(tab.dataset.tab));
  const token = sessionStorage.getItem('tollgate.token');
  if (token) document.getElementById('token').value = token;
  document.getElementById('token').addEventListener('change', e => sessionStorage.setItem('tollgate.token', e.target.value));
  applyLanguage();
  showTab('decide');
  loadExamples();
});
