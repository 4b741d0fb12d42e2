// The operator's dashboard: live tiles from GET /v1/live (server-sent events read with fetch, so the token
// travels in the Authorization header, never in a URL), history from GET /v1/analytics/*. Data is only ever
// put into the page as text (textContent), never as HTML.
"use strict";

const TOKEN_KEY = "fusion.dashboard.token";
const HISTORY_REFRESH_MS = 60000;
const RECONNECT_MS = 3000;
const $ = (id) => document.getElementById(id);

let token = sessionStorage.getItem(TOKEN_KEY);
let liveAbort = null;
let historyTimer = null;
let lastFigures = null;
const charts = {};

// ------------------------------------------------------------------ formatting

const numberFormat = new Intl.NumberFormat(undefined);
const fractionDigits = (currency) => {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits;
  } catch (e) {
    return 2;
  }
};
function money(amount, currency) {
  const major = amount / Math.pow(10, fractionDigits(currency));
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency }).format(major);
  } catch (e) {
    return numberFormat.format(major) + " " + currency;
  }
}
const count = (n) => numberFormat.format(n);
const millis = (ms) => (ms >= 1000 ? (ms / 1000).toFixed(2) + " s" : Math.round(ms) + " ms");
const clock = (iso) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
const day = (iso) => new Date(iso).toLocaleDateString([], { month: "short", day: "numeric" });

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}
function emptyItem(list, text) {
  list.replaceChildren(el("li", text, "empty"));
}

// ------------------------------------------------------------------ sign-in

function claims(jwt) {
  try {
    const payload = jwt.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    return JSON.parse(atob(payload));
  } catch (e) {
    return {};
  }
}

async function offerDevSignIn() {
  // the development issuer's keys are published only in embedded mode
  try {
    const answer = await fetch("/.well-known/jwks.json");
    if (answer.ok) {
      $("dev-form").hidden = false;
      $("token-hint").textContent = "Or paste a bearer token (JWT) of an operator, admin or analyst.";
    }
  } catch (e) { /* no dev sign-in */ }
}

function showSignIn(message) {
  $("board").hidden = true;
  $("session").hidden = true;
  $("sign-in").hidden = false;
  $("sign-in-error").textContent = message || "";
}

function signIn(newToken) {
  token = newToken;
  sessionStorage.setItem(TOKEN_KEY, token);
  start();
}

function signOut(message) {
  token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  if (liveAbort) liveAbort.abort();
  clearTimeout(historyTimer);
  showSignIn(message);
}

$("dev-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const body = { tenant: $("dev-tenant").value.trim(), sub: $("dev-user").value.trim(), roles: [$("dev-role").value] };
  try {
    const answer = await fetch("/v1/auth/dev-token", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
    });
    const json = await answer.json();
    if (!answer.ok) {
      const field = (json.errors || []).map((e) => e.field + ": " + e.message).join("; ");
      $("sign-in-error").textContent = field || json.detail || "Sign-in failed";
      return;
    }
    signIn(json.token);
  } catch (e) {
    $("sign-in-error").textContent = "The server cannot be reached.";
  }
});

$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const pasted = $("token-input").value.trim().replace(/^Bearer\s+/i, "");
  if (pasted.split(".").length !== 3) {
    $("sign-in-error").textContent = "That is not a JWT.";
    return;
  }
  signIn(pasted);
});
$("sign-out").addEventListener("click", () => signOut());

// ------------------------------------------------------------------ live figures

function liveState(text, cls) {
  const pill = $("live-state");
  pill.textContent = text;
  pill.className = "pill " + (cls || "");
}

async function connectLive() {
  if (liveAbort) liveAbort.abort();
  const abort = new AbortController();
  liveAbort = abort;
  let retryMs = RECONNECT_MS;
  try {
    const answer = await fetch("/v1/live", {
      headers: { Authorization: "Bearer " + token, Accept: "text/event-stream" }, signal: abort.signal,
    });
    if (answer.status === 401) return signOut("Your session has expired; sign in again.");
    if (answer.status === 403) return signOut("This dashboard is for operators, admins and analysts.");
    if (!answer.ok) {
      retryMs = 1000 * (Number(answer.headers.get("Retry-After")) || 5);
      liveState(answer.status === 429 ? "Too many open dashboards" : "Live figures unavailable", "down");
    } else {
      if (!lastFigures) liveState("Live figures starting…", "waiting");
      await readEvents(answer.body.getReader(), (event, data) => {
        if (event === "figures") showFigures(JSON.parse(data));
      });
      liveState("Reconnecting…", "waiting");
    }
  } catch (e) {
    if (abort.signal.aborted) return;
    liveState("Reconnecting…", "down");
  }
  if (!abort.signal.aborted && token) setTimeout(() => { if (liveAbort === abort) connectLive(); }, retryMs);
}

/** Reads a text/event-stream body, calling onEvent(event, data) for each complete event. */
async function readEvents(reader, onEvent) {
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n?/g, "\n");
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue; // heartbeat comment
        const colon = line.indexOf(":");
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (field === "event") event = text;
        else if (field === "data") data.push(text);
      }
      if (data.length) onEvent(event, data.join("\n"));
    }
  }
}

function showFigures(figures) {
  lastFigures = figures;
  liveState("Live · " + clock(figures.asOf), "live");
  const minutes = figures.minutes || [];
  const sum = (key) => minutes.reduce((total, m) => total + (m[key] || 0), 0);
  const placed = sum("ordersPlaced");
  $("tile-orders").textContent = count(placed);
  $("tile-orders-sub").textContent = count(sum("ordersConfirmed")) + " confirmed · " + count(sum("ordersRejected")) + " rejected";
  $("tile-units").textContent = count(sum("unitsConfirmed"));
  $("tile-units-sub").textContent = placed ? "across " + count(placed) + " orders" : "no orders yet";

  const revenue = {};
  const reasons = {};
  for (const m of minutes) {
    for (const [currency, amount] of Object.entries(m.revenueByCurrency || {})) revenue[currency] = (revenue[currency] || 0) + amount;
    for (const [reason, n] of Object.entries(m.rejectionsByReason || {})) reasons[reason] = (reasons[reason] || 0) + n;
  }
  const currencies = Object.entries(revenue).sort((a, b) => b[1] - a[1]);
  $("tile-revenue").textContent = currencies.length ? money(currencies[0][1], currencies[0][0]) : money(0, "USD");
  $("tile-revenue-sub").textContent = currencies.slice(1).map(([c, a]) => "+ " + money(a, c)).join("  ") || "confirmed orders";

  const timed = minutes.filter((m) => m.confirmLatencyP50Millis != null);
  const latest = timed[timed.length - 1];
  $("tile-latency").textContent = latest ? millis(latest.confirmLatencyP50Millis) : "–";
  $("tile-latency-sub").textContent = latest ? "p50 · p99 " + millis(latest.confirmLatencyP99Millis) + " · " + clock(latest.start) : "no confirmations yet";

  const rejections = $("rejections");
  const sorted = Object.entries(reasons).sort((a, b) => b[1] - a[1]);
  if (!sorted.length) emptyItem(rejections, "No rejections in the last hour");
  else rejections.replaceChildren(...sorted.map(([reason, n]) => {
    const item = el("li");
    item.append(el("span", reason.replace(/_/g, " ").toLowerCase()), el("strong", count(n)));
    return item;
  }));

  const low = $("low-stock");
  if (!(figures.lowStock || []).length) emptyItem(low, "Every SKU is above its threshold");
  else low.replaceChildren(...figures.lowStock.map((s) => {
    const item = el("li");
    item.append(el("span", s.sku + " · " + s.vendorId), el("strong", count(s.available) + " / " + count(s.threshold)));
    return item;
  }));

  const campaigns = $("campaigns");
  if (!(figures.campaigns || []).length) emptyItem(campaigns, "No open campaigns");
  else campaigns.replaceChildren(...figures.campaigns.map((c) => {
    const item = el("li");
    const left = el("div");
    left.style.flex = "1";
    left.append(el("span", c.campaignId + " · " + c.sku));
    const track = el("div", null, "bar-track");
    const fill = el("div", null, "bar-fill");
    fill.style.width = Math.min(100, c.targetQuantity ? (100 * c.joinedQuantity) / c.targetQuantity : 0) + "%";
    track.append(fill);
    left.append(track);
    item.append(left, el("strong", count(c.joinedQuantity) + " / " + count(c.targetQuantity)));
    return item;
  }));
  campaignChoices(figures.campaigns || []);

  chart("chart-live", {
    grid: { left: 40, right: 16, top: 20, bottom: 30 },
    tooltip: { trigger: "axis" },
    legend: { top: 0, right: 0, data: ["Placed", "Confirmed", "Rejected"] },
    xAxis: { type: "category", data: minutes.map((m) => clock(m.start)) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: "Placed", type: "bar", data: minutes.map((m) => m.ordersPlaced), itemStyle: { color: "#93c5fd" } },
      { name: "Confirmed", type: "line", data: minutes.map((m) => m.ordersConfirmed), smooth: true, itemStyle: { color: "#059669" } },
      { name: "Rejected", type: "line", data: minutes.map((m) => m.ordersRejected), smooth: true, itemStyle: { color: "#dc2626" } },
    ],
  });
}

// ------------------------------------------------------------------ charts

function chart(id, option) {
  if (typeof echarts === "undefined") return;
  charts[id] = charts[id] || echarts.init($(id));
  charts[id].setOption(option, true);
}
window.addEventListener("resize", () => Object.values(charts).forEach((c) => c.resize()));

function emptyChart(id, text) {
  chart(id, { title: { text, left: "center", top: "middle", textStyle: { color: "#6b7280", fontSize: 13, fontWeight: 400 } } });
}

// ------------------------------------------------------------------ history

class Unavailable extends Error {}
class NotAllowed extends Error {}

async function analytics(path, attempt = 0) {
  const answer = await fetch(path, { headers: { Authorization: "Bearer " + token } });
  if (answer.status === 429 && attempt < 3) {
    // the tenant's share of analytics queries is in use (other tabs, other people): wait as told, ask again
    const seconds = Number(answer.headers.get("Retry-After")) || 1;
    await new Promise((resume) => setTimeout(resume, seconds * 1000));
    return analytics(path, attempt + 1);
  }
  if (answer.status === 401) {
    signOut("Your session has expired; sign in again.");
    throw new Error("signed out");
  }
  if (answer.status === 503) throw new Unavailable();
  if (answer.status === 403) throw new NotAllowed();
  if (!answer.ok) throw new Error("HTTP " + answer.status);
  return answer.json();
}

function revenueSeries(series, label) {
  // one line per currency; buckets without sales are absent from the answer and drawn as zero
  const times = [...new Set(series.map((p) => p.time))].sort();
  const currencies = [...new Set(series.map((p) => p.revenue.currency))];
  return {
    times,
    option: {
      grid: { left: 70, right: 16, top: 24, bottom: 30 },
      tooltip: { trigger: "axis", valueFormatter: null },
      legend: { top: 0, right: 0 },
      xAxis: { type: "category", data: times.map(label) },
      yAxis: { type: "value" },
      series: currencies.map((currency) => {
        const digits = Math.pow(10, fractionDigits(currency));
        const byTime = Object.fromEntries(series.filter((p) => p.revenue.currency === currency).map((p) => [p.time, p.revenue.amount]));
        return {
          name: currency, type: "line", smooth: true, areaStyle: { opacity: 0.08 }, showSymbol: times.length < 3, // a lone bucket is a dot, not an invisible line
          data: times.map((t) => (byTime[t] || 0) / digits),
          tooltip: { valueFormatter: (v) => money(v * digits, currency) },
        };
      }),
    },
  };
}

async function loadHistory() {
  clearTimeout(historyTimer);
  const notice = $("history-state");
  try {
    const [hour, days, top] = await Promise.all([
      analytics("/v1/analytics/sales?granularity=minute"),
      analytics("/v1/analytics/sales?granularity=day"),
      analytics("/v1/analytics/top-products?limit=10"),
    ]);
    notice.hidden = true;
    const lastHour = revenueSeries(hour.series, clock);
    if (lastHour.times.length) chart("chart-hour", lastHour.option); else emptyChart("chart-hour", "No sales in the last hour");
    const lastDays = revenueSeries(days.series, day);
    if (lastDays.times.length) chart("chart-days", lastDays.option); else emptyChart("chart-days", "No sales in the last 30 days");
    const body = $("top-products").tBodies[0];
    if (!top.items.length) {
      const row = el("tr");
      const cell = el("td", "No sales yet", "empty");
      cell.colSpan = 4;
      row.append(cell);
      body.replaceChildren(row);
    } else {
      body.replaceChildren(...top.items.map((p) => {
        const row = el("tr");
        row.append(el("td", p.sku), el("td", p.vendorId), el("td", count(p.units), "num"), el("td", money(p.revenue.amount, p.revenue.currency), "num"));
        return row;
      }));
    }
    await loadCampaign();
    historyTimer = setTimeout(loadHistory, HISTORY_REFRESH_MS);
  } catch (e) {
    if (!token) return;
    notice.hidden = false;
    if (e instanceof NotAllowed) {
      notice.textContent = "Sales history is shown to operators, admins and analysts; sign in with one of those roles to see it.";
      return;
    }
    notice.textContent = e instanceof Unavailable
      ? "Analytics starting… history appears as soon as the analytics store answers."
      : "History cannot be loaded right now; retrying.";
    historyTimer = setTimeout(loadHistory, 10000);
  }
}

function campaignChoices(campaigns) {
  const select = $("campaign-select");
  const known = [...select.options].map((o) => o.value).join(",");
  const ids = campaigns.map((c) => c.campaignId);
  if (known === ids.join(",")) return;
  const chosen = select.value;
  select.replaceChildren(...ids.map((id) => {
    const option = el("option", id);
    option.value = id;
    return option;
  }));
  if (ids.includes(chosen)) select.value = chosen;
  loadCampaign().catch(() => {});
}
$("campaign-select").addEventListener("change", () => loadCampaign().catch(() => {}));

async function loadCampaign() {
  const id = $("campaign-select").value;
  if (!id) return emptyChart("chart-campaign", "No open campaigns");
  const funnel = await analytics("/v1/analytics/campaigns/" + encodeURIComponent(id) + "?granularity=hour");
  if (!funnel.series.length) return emptyChart("chart-campaign", "No joins yet");
  chart("chart-campaign", {
    grid: { left: 40, right: 16, top: 24, bottom: 30 },
    tooltip: { trigger: "axis" },
    legend: { top: 0, right: 0 },
    xAxis: { type: "category", data: funnel.series.map((p) => clock(p.time)) },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      { name: "Joins", type: "bar", data: funnel.series.map((p) => p.joins), itemStyle: { color: "#60a5fa" } },
      { name: "Units", type: "line", data: funnel.series.map((p) => p.units), itemStyle: { color: "#2563eb" } },
      { name: "Orders placed", type: "line", data: funnel.series.map((p) => p.ordersPlaced), itemStyle: { color: "#059669" } },
    ],
  });
}

// ------------------------------------------------------------------ start

function start() {
  const who = claims(token);
  $("sign-in").hidden = true;
  $("board").hidden = false;
  $("session").hidden = false;
  $("who").textContent = (who.sub || "?") + " · " + (who.tenant || "?") + " · " + [].concat(who.roles || []).join(", ");
  lastFigures = null;
  liveState("Connecting…", "waiting");
  connectLive();
  loadHistory();
}

offerDevSignIn();
if (token) start(); else showSignIn();
