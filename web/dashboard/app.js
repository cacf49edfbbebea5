// The crosswalk dashboard: one page over /api/v1 (docs/api.md). Every figure is the API's exact decimal text;
// sums the page makes itself (a chart's series, a tile) are exact too, in BigInt, never in floating point.
// Each view is a URL: #/PAGE?period=2026-06&cost_center=CC-2200 opens it again with the same filters.
'use strict';

const TOKEN_KEY = 'crosswalk.token';

// ---- exact decimals ---------------------------------------------------------------------------------------
const SCALE = 18;
const UNIT = 10n ** BigInt(SCALE);

function toUnits(text) {
  if (text === null || text === undefined || text === '') return 0n;
  const negative = text.startsWith('-');
  const [whole, fraction = ''] = text.replace(/^[-+]/, '').split('.');
  const units = BigInt(whole || '0') * UNIT + BigInt((fraction + '0'.repeat(SCALE)).slice(0, SCALE) || '0');
  return negative ? -units : units;
}

function fromUnits(units, decimals) {
  const negative = units < 0n;
  let value = negative ? -units : units;
  const step = 10n ** BigInt(SCALE - decimals);
  value = (value + step / 2n) / step; // half away from zero
  const digits = value.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals) || '0';
  const fraction = decimals > 0 ? '.' + digits.slice(digits.length - decimals) : '';
  return (negative && value !== 0n ? '-' : '') + whole + fraction;
}

function sumDecimals(texts) {
  return texts.reduce((sum, text) => sum + toUnits(text), 0n);
}

function withThousands(text) {
  const [whole, fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : grouped + '.' + fraction;
}

// Money as people read it (to the cent); the exact value stays in the cell's data-value and title.
function showMoney(text) {
  return text === null || text === undefined || text === '' ? '' : withThousands(fromUnits(toUnits(text), 2));
}

// ---- the API --------------------------------------------------------------------------------------------
class ApiError extends Error {
  constructor(status, kind, message) {
    super(message);
    this.status = status;
    this.kind = kind;
  }
}

async function api(path, params = {}, format = 'json') {
  const url = new URL(path, location.origin);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, value);
  }
  if (format !== 'json') url.searchParams.set('format', format);
  const headers = {};
  const token = localStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = 'Bearer ' + token;
  const response = await fetch(url, { headers });
  if (format !== 'json' && response.ok) return response.blob();
  const body = await response.json();
  if (response.status === 401) showLogin(body.error.message);
  if (!response.ok) throw new ApiError(response.status, body.error.kind, body.error.message);
  return body;
}

// The route of a table: a report, or the explanation and the bill lines, which have their own.
function reportPath(name) {
  const { parts } = parseHash();
  if (name === 'explain') return `/api/v1/explain/${encodeURIComponent(parts[1])}/${encodeURIComponent(parts[2])}`;
  if (name === 'lines') return '/api/v1/lines';
  return '/api/v1/reports/' + name;
}

const report = (name, params) => api(reportPath(name), params);

// ---- routing -----------------------------------------------------------------------------------------------
function parseHash() {
  const hash = location.hash.replace(/^#\/?/, '') || 'overview';
  const [path, query = ''] = hash.split('?');
  return { parts: path.split('/').map(decodeURIComponent), params: Object.fromEntries(new URLSearchParams(query)) };
}

function link(parts, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')).toString();
  return '#/' + parts.map(encodeURIComponent).join('/') + (query ? '?' + query : '');
}

function setParam(key, value) {
  const { parts, params } = parseHash();
  if (value) params[key] = value; else delete params[key];
  location.hash = link(parts, params);
}

const PAGES = [
  ['overview', 'Overview'], ['chargeback', 'Chargeback'], ['tco', 'TCO'], ['licenses', 'Licenses'],
  ['reconciliation', 'Reconciliation'], ['budgets', 'Budgets'], ['forecasts', 'Forecasts'],
  ['anomalies', 'Anomalies'], ['governance', 'Governance'], ['reports', 'All reports'],
];

// ---- building blocks -------------------------------------------------------------------------------------
function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
  return node;
}

function card(title, testid) {
  const body = element('div');
  const node = element('section', { class: 'card', 'data-testid': testid }, element('h2', {}, title), body);
  return { node, body };
}

function showError(container, error) {
  container.replaceChildren(element('p', { class: 'error', 'data-testid': 'error' },
    error instanceof ApiError ? `${error.message} (${error.status} ${error.kind})` : String(error)));
}

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  element('a', { href: url, download: name }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Where a cell leads: a cost center or an application to its explanation, an explained row to its bill lines.
// A user scoped to cost centers cannot explain an application (it spans cost centers): theirs leads to its lines.
let signedIn = { cost_centers: [] };

function drillTarget(name, row, period) {
  if (name === 'cost_center' && row.cost_center) return link(['explain', 'cost_center', row.cost_center], { period });
  if (name === 'application' && row.application && row.application !== '(unassigned)') {
    if (signedIn.cost_centers.length > 0) {
      return row.cost_center ? link(['lines'], { period, cost_center: row.cost_center, application: row.application }) : null;
    }
    return link(['explain', 'application', row.application], { period });
  }
  return null;
}

// The last day of a month, YYYY-MM-DD: the as-of date of reports that take a date.
function monthEnd(period) {
  if (!period) return '';
  const [year, month] = period.split('-').map(Number);
  return `${period}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
}

// A report as a table: sortable headers (the server sorts), search, CSV download, more rows by keyset cursor.
async function reportTable(container, name, params, options = {}) {
  const state = { sort: options.sort || '', q: '', rows: [], cursor: null };
  const toolbar = element('div', { class: 'toolbar' });
  const search = element('input', { type: 'search', placeholder: 'search', 'data-testid': `search-${name}` });
  const csv = element('button', { 'data-testid': `csv-${name}` }, 'CSV');
  const more = element('button', { 'data-testid': `more-${name}` }, 'More rows');
  const count = element('span', { class: 'title' });
  const title = element('p', { class: 'title' });
  const scroll = element('div', { class: 'scroll' });
  const chartBox = element('div'); // options.chart draws in it once, from the first page of rows
  toolbar.append(search, csv, more, count);
  container.replaceChildren(chartBox, title, toolbar, scroll);
  let columns = [];
  let totals = [];
  let matched = 0;

  function render() {
    const table = element('table', { 'data-testid': `table-${name}` });
    const head = element('tr');
    for (const column of columns) {
      const numeric = !['text', 'date'].includes(column.type);
      const arrow = state.sort === column.name ? ' ▲' : state.sort === '-' + column.name ? ' ▼' : '';
      head.append(element('th', {
        class: numeric ? 'num' : '',
        onclick: () => { state.sort = state.sort === column.name ? '-' + column.name : column.name; load(false); },
      }, column.name + arrow));
    }
    table.append(element('thead', {}, head));
    const body = element('tbody');
    const addRow = (row, total) => {
      const tr = element('tr', { class: total ? 'total' : '' });
      for (const column of columns) {
        const value = row[column.name];
        const text = value === null || value === undefined ? '' : String(value);
        const shown = column.type === 'money' ? showMoney(text) : text;
        const cell = element('td', {
          class: (['text', 'date'].includes(column.type) ? '' : 'num') + (column.name === 'status' ? ` status-${text}` : ''),
          'data-column': column.name, 'data-value': text, title: text,
        });
        const target = total ? null : (options.drill || drillTarget)(column.name, row, params.period);
        cell.append(target ? element('a', { class: 'drill', href: target }, shown) : shown);
        tr.append(cell);
      }
      body.append(tr);
    };
    state.rows.forEach((row) => addRow(row, false));
    totals.forEach((row) => addRow(row, true));
    table.append(body);
    scroll.replaceChildren(table);
    count.textContent = `${state.rows.length} of ${matched} rows`;
    more.hidden = !state.cursor;
  }

  async function load(append) {
    try {
      const page = await report(name, {
        ...params, sort: state.sort, q: state.q, limit: options.limit || 200, cursor: append ? state.cursor : '',
      });
      columns = page.columns;
      totals = page.totals;
      matched = page.matched;
      title.textContent = page.title;
      state.rows = append ? state.rows.concat(page.rows) : page.rows;
      state.cursor = page.next_cursor;
      render();
      if (options.chart && chartBox.childElementCount === 0) options.chart(chartBox, page);
    } catch (error) {
      showError(container, error);
    }
  }

  let timer = null;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { state.q = search.value; load(false); }, 250);
  });
  csv.addEventListener('click', async () => {
    download(await api(reportPath(name), { ...params, sort: state.sort, q: state.q }, 'csv'), `${name}.csv`);
  });
  more.addEventListener('click', () => load(true));
  await load(false);
}

function chart(container, option) {
  const node = element('div', { class: 'chart' });
  container.append(node);
  if (!window.echarts) return;
  const instance = echarts.init(node);
  instance.setOption({ tooltip: { trigger: 'item' }, animation: false, ...option });
  new ResizeObserver(() => instance.resize()).observe(node);
}

// Sums `value` per `key` of the rows of one currency, exactly; largest first.
function sumBy(rows, key, value) {
  const sums = new Map();
  for (const row of rows) {
    const name = row[key] ?? '(none)';
    sums.set(name, (sums.get(name) ?? 0n) + toUnits(row[value]));
  }
  return [...sums.entries()].sort((a, b) => (b[1] > a[1] ? 1 : b[1] < a[1] ? -1 : 0));
}

const chartNumber = (units) => Number(fromUnits(units, 2)); // a chart's bar height only, never a shown figure

function currencies(rows) {
  return [...new Set(rows.map((row) => row.currency).filter(Boolean))];
}

function tile(label, value, testid, exact) {
  return element('div', { class: 'tile', 'data-testid': testid, 'data-value': exact ?? value },
    element('div', { class: 'label' }, label), element('div', { class: 'value' }, value));
}

// A section that loads on its own: an error (a report with no data yet, or out of the user's scope) stays in it.
async function section(page, title, testid, build) {
  const { node, body } = card(title, testid);
  page.append(node);
  try {
    await build(body);
  } catch (error) {
    showError(body, error);
  }
}

// ---- pages ----------------------------------------------------------------------------------------------
const pages = {
  async overview(page, params) {
    const period = params.period;
    const tiles = element('div', { class: 'tiles', 'data-testid': 'tiles' });
    page.append(tiles);
    const grid = element('div', { class: 'grid2' });
    page.append(grid);
    const add = (title, testid, build) => {
      const { node, body } = card(title, testid);
      grid.append(node);
      return build(body).catch((error) => showError(body, error));
    };
    await Promise.all([
      add('Spend by tower', 'chart-tower', async (body) => {
        const taxonomy = await report('taxonomy', { period, limit: 1000 });
        if (taxonomy.rows.length === 0) {
          body.append(element('p', { class: 'error', 'data-testid': 'no-data' }, `no cost lines in ${period || 'the bill'}`));
        }
        for (const total of taxonomy.totals) {
          tiles.append(tile(`Billed ${total.currency} (${taxonomy.title.match(/period \S+/)?.[0] ?? ''})`,
            showMoney(total.billed_cost), `tile-billed-${total.currency}`, total.billed_cost));
        }
        for (const currency of currencies(taxonomy.rows)) {
          const sums = sumBy(taxonomy.rows.filter((r) => r.currency === currency), 'tower', 'billed_cost');
          chart(body, {
            title: { text: currency, textStyle: { fontSize: 12 } }, tooltip: { trigger: 'axis' },
            grid: { left: 160 }, xAxis: { type: 'value' },
            yAxis: { type: 'category', data: sums.map(([k]) => k).reverse() },
            series: [{ type: 'bar', data: sums.map(([, v]) => chartNumber(v)).reverse() }],
          });
        }
      }),
      add('Amortized cost by provider and month', 'chart-trend', async (body) => {
        const forecast = await report('forecast', { as_of: monthEnd(period), limit: 1000 });
        const rows = forecast.rows;
        const months = [...new Set(rows.map((r) => r.period))].sort();
        const series = [...new Set(rows.map((r) => r.series))].map((name) => ({
          name, type: 'line', data: months.map((month) => {
            const row = rows.find((r) => r.series === name && r.period === month);
            const value = row ? row.actual ?? row.forecast : null;
            return value === null ? null : chartNumber(toUnits(value));
          }),
        }));
        chart(body, { tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: months },
          yAxis: { type: 'value' }, series });
        body.append(element('p', { class: 'title' }, 'EffectiveCost (amortized, as the forecast counts it; the tiles are billed cost); the months after the bill are the forecast'));
      }),
      add('Top applications (after allocation)', 'top-applications', async (body) => {
        const chargeback = await report('chargeback', { period, limit: 100000 });
        const total = new Map();
        for (const currency of currencies(chargeback.rows)) {
          const sums = sumBy(chargeback.rows.filter((r) => r.currency === currency), 'application', 'total_billed');
          const table = element('table', { 'data-testid': `top-applications-${currency}` });
          table.append(element('tr', {}, element('th', {}, 'application'), element('th', { class: 'num' }, `total_billed (${currency})`)));
          for (const [application, units] of sums.slice(0, 10)) {
            const exact = fromUnits(units, SCALE).replace(/\.?0+$/, '');
            table.append(element('tr', {},
              element('td', {}, element('a', { class: 'drill', href: link(['explain', 'application', application], { period }) }, application)),
              element('td', { class: 'num', 'data-value': exact, title: exact }, withThousands(fromUnits(units, 2)))));
          }
          body.append(table);
          const allocated = chargeback.rows.filter((r) => r.currency === currency && r.cost_center);
          const unallocated = chargeback.rows.filter((r) => r.currency === currency && !r.cost_center);
          total.set(currency, [sumDecimals(allocated.map((r) => r.total_billed)), sumDecimals(unallocated.map((r) => r.total_billed))]);
        }
        for (const [currency, [allocated, unallocated]] of total) {
          tiles.append(tile(`Allocated ${currency}`, withThousands(fromUnits(allocated, 2)), `tile-allocated-${currency}`));
          tiles.append(tile(`Unallocated ${currency}`, withThousands(fromUnits(unallocated, 2)), `tile-unallocated-${currency}`));
        }
      }),
      add('Billed cost allocated vs unallocated, by provider', 'chart-provider', async (body) => {
        const chargeback = await report('chargeback', { period, limit: 100000 });
        for (const currency of currencies(chargeback.rows)) {
          const rows = chargeback.rows.filter((r) => r.currency === currency);
          // Providers with billed cost: a license contract's month is amortized only (no billed cost to show).
          const providers = [...new Set(rows.filter((r) => toUnits(r.total_billed) !== 0n).map((r) => r.provider ?? '(none)'))];
          const part = (allocated) => providers.map((p) => chartNumber(sumDecimals(rows
            .filter((r) => (r.provider ?? '(none)') === p && Boolean(r.cost_center) === allocated).map((r) => r.total_billed))));
          chart(body, { title: { text: currency, textStyle: { fontSize: 12 } }, tooltip: { trigger: 'axis' }, legend: {},
            grid: { left: 160 }, xAxis: { type: 'value' }, yAxis: { type: 'category', data: providers },
            series: [{ name: 'allocated', type: 'bar', stack: 'a', data: part(true) },
              { name: 'unallocated', type: 'bar', stack: 'a', data: part(false) }] });
        }
      }),
    ]);
    await section(page, 'KPIs', 'kpis', (body) => reportTable(body, 'kpis', { period }));
  },

  async chargeback(page, params) {
    const { period, ...filters } = params;
    await section(page, 'Chargeback statement', 'chargeback', async (body) => {
      await reportTable(body, 'chargeback', { period, ...filters }, {
        sort: '-total_billed', chart: (chartBox, pageData) => {
          for (const currency of currencies(pageData.totals)) {
            const sums = sumBy(pageData.rows.filter((r) => r.currency === currency), 'cost_center', 'total_billed');
            chart(chartBox, { title: { text: `by cost center, ${currency} (this page)`, textStyle: { fontSize: 12 } },
              tooltip: { trigger: 'axis' }, xAxis: { type: 'category', data: sums.map(([k]) => k) }, yAxis: { type: 'value' },
              series: [{ type: 'bar', data: sums.map(([, v]) => chartNumber(v)) }] });
          }
        },
      });
    });
    await section(page, 'Showback (per cost center and application)', 'showback',
      (body) => reportTable(body, 'showback', { period, ...filters }, { sort: '-total_billed' }));
  },

  async tco(page, params) {
    const { period, ...filters } = params;
    await section(page, 'Application TCO', 'tco', async (body) => {
      await reportTable(body, 'tco', { period, ...filters }, {
        sort: '-total',
        drill: (name, row) => (name === 'application' && row.application !== '(unassigned)'
          ? link(['report', 'tco-explain'], { period, application: row.application }) : null),
        chart: (chartBox, data) => {
          const parts = ['cloud_direct', 'cloud_shared', 'licenses', 'depreciation', 'contracts', 'labor'];
          const rows = data.rows.filter((r) => r.currency === (data.rows[0] || {}).currency);
          chart(chartBox, { tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 120 }, xAxis: { type: 'value' },
            yAxis: { type: 'category', data: rows.map((r) => r.application) },
            series: parts.map((p) => ({ name: p, type: 'bar', stack: 't', data: rows.map((r) => chartNumber(toUnits(r[p]))) })) });
        },
      });
    });
  },

  async licenses(page, params) {
    const { period: _period, ...filters } = params; // positions are as of a date, not a month
    await section(page, 'License position', 'license-position', async (body) => {
      await reportTable(body, 'license-position', filters, {
        chart: (chartBox, data) => {
          chart(chartBox, { tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 220 }, xAxis: { type: 'value' },
            yAxis: { type: 'category', data: data.rows.map((r) => r.product) },
            series: ['entitled', 'required'].map((k) => ({ name: k, type: 'bar', data: data.rows.map((r) => Number(r[k])) })) });
        },
      });
    });
    await section(page, 'License findings', 'license-findings', (body) => reportTable(body, 'license-findings', filters));
    await section(page, 'Renewals', 'renewals', (body) => reportTable(body, 'renewals', filters));
  },

  async reconciliation(page, params) {
    const { period } = params;
    await section(page, 'Inventory: bill, asset register and CMDB', 'reconcile-inventory',
      (body) => reportTable(body, 'reconcile-inventory', {}, { sort: '-amount_at_stake' }));
    await section(page, 'Ledger: invoices against the general ledger', 'reconcile-ledger',
      (body) => reportTable(body, 'reconcile-ledger', { period }));
  },

  async budgets(page, params) {
    const { period, ...filters } = params;
    await section(page, 'Budget against actual and projection', 'budget', async (body) => {
      await reportTable(body, 'budget', { period, ...filters }, {
        chart: (chartBox, data) => {
          const rows = data.rows.filter((r) => r.horizon === 'month');
          chart(chartBox, { tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: rows.map((r) => r.scope_id) },
            yAxis: { type: 'value' }, series: ['budget', 'actual', 'forecast_end_of_period'].map((k) => ({
              name: k, type: 'bar', data: rows.map((r) => chartNumber(toUnits(r[k]))) })) });
        },
      });
    });
  },

  async forecasts(page, params) {
    const { period } = params;
    const by = params.by || (signedIn.cost_centers.length > 0 ? 'cost_center' : undefined);
    await section(page, 'Forecast', 'forecast', async (body) => {
      await reportTable(body, 'forecast', { as_of: monthEnd(period), by }, {
        limit: 1000,
        chart: (chartBox, data) => {
          const months = [...new Set(data.rows.map((r) => r.period))].sort();
          const names = [...new Set(data.rows.map((r) => r.series))];
          const value = (name, month, key) => {
            const row = data.rows.find((r) => r.series === name && r.period === month);
            return row && row[key] !== null ? chartNumber(toUnits(row[key])) : null;
          };
          chart(chartBox, { tooltip: { trigger: 'axis' }, legend: {}, xAxis: { type: 'category', data: months }, yAxis: { type: 'value' },
            series: names.flatMap((name) => [
              { name: `${name} actual`, type: 'line', data: months.map((m) => value(name, m, 'actual')) },
              { name: `${name} forecast`, type: 'line', lineStyle: { type: 'dashed' }, data: months.map((m) => value(name, m, 'forecast')) }]) });
        },
      });
    });
  },

  async anomalies(page, params) {
    const { period } = params;
    const by = params.by || (signedIn.cost_centers.length > 0 ? 'cost_center' : undefined);
    await section(page, 'Anomalies', 'anomalies', (body) => reportTable(body, 'anomalies', { as_of: monthEnd(period), by }, { sort: '-cost_above_expected' }));
  },

  async governance(page, params) {
    const { period } = params;
    for (const [name, title] of [['kpis', 'KPIs'], ['commitments', 'Commitments'], ['policy', 'Policy violations'],
      ['maturity', 'Maturity'], ['tags', 'Tag compliance']]) {
      await section(page, title, name, (body) => reportTable(body, name, { period }));
    }
  },

  async reports(page) {
    await section(page, 'Every report', 'report-list', async (body) => {
      const list = await api('/api/v1/reports');
      const table = element('table');
      for (const info of list.reports) {
        table.append(element('tr', {}, element('td', {}, element('a', { class: 'drill', href: link(['report', info.name]) }, info.name)),
          element('td', {}, info.description), element('td', {}, info.options.join(' '))));
      }
      body.append(table);
    });
  },

  async report(page, params, [name]) {
    await section(page, name, `report-${name}`, (body) => reportTable(body, name, params));
  },

  async explain(page, params, [dimension, value]) {
    const { period } = params;
    await section(page, `How ${value}'s month was built`, 'explain', (body) => reportTable(body, 'explain', { period }, {
      drill: (column, row) => (column === 'cost_lines' && row.movement === 'direct cost' && row.cost_lines > 0
        ? link(['lines'], { period, [dimension]: value, application: row.application ?? '(none)', provider: row.provider, service: row.service })
        : null),
    }));
  },

  async lines(page, params) {
    await section(page, 'Bill lines, with their file and row', 'lines', (body) => reportTable(body, 'lines', params));
  },
};

// ---- start -------------------------------------------------------------------------------------------------
function showLogin(message) {
  const dialog = document.getElementById('login');
  document.getElementById('login-error').textContent = localStorage.getItem(TOKEN_KEY) ? message : '';
  if (!dialog.open) dialog.showModal();
}

async function renderRoute() {
  const { parts, params } = parseHash();
  const [name, ...rest] = parts;
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === name);
  const periodInput = document.getElementById('period');
  periodInput.value = params.period || '';
  // A fresh container per visit: a slow section of the page before lands in a detached one, not on this page.
  const main = document.getElementById('page');
  main.dataset.ready = 'false';
  const page = element('div', { style: 'display: grid; gap: 16px' });
  main.replaceChildren(page);
  const render = pages[name] || pages.overview;
  try {
    const me = await api('/api/v1/me');
    signedIn = me;
    document.getElementById('who').textContent = me.authentication
      ? `${me.user} (${me.role}${me.cost_centers.length ? ': ' + me.cost_centers.join(', ') : ''})` : 'authentication off';
    const snapshot = await api('/api/v1/snapshot');
    document.getElementById('snapshot').textContent = `snapshot ${snapshot.generation}, taken ${snapshot.taken_at}`;
    await render(page, params, rest);
  } catch (error) {
    showError(page, error);
  }
  if (main.firstChild === page) main.dataset.ready = 'true';
}

function start() {
  const nav = document.getElementById('nav');
  for (const [name, label] of PAGES) nav.append(element('a', { href: link([name]), 'data-page': name }, label));
  document.getElementById('sign-out').addEventListener('click', () => {
    localStorage.removeItem(TOKEN_KEY);
    renderRoute();
  });
  document.getElementById('period').addEventListener('change', (event) => setParam('period', event.target.value));
  document.getElementById('login-form').addEventListener('submit', () => {
    localStorage.setItem(TOKEN_KEY, document.getElementById('token').value.trim());
    renderRoute();
  });
  window.addEventListener('hashchange', renderRoute);
  renderRoute();
}

document.addEventListener('DOMContentLoaded', start);
