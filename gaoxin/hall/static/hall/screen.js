// The hall screen: polls the calls every second, redraws, and for each new call chimes (a
// WebAudio oscillator, no sound file) and speaks it in Chinese when the browser has a voice.
(() => {
  const body = document.body;
  const url = body.dataset.url;
  const windowFormat = body.dataset.windowFormat;
  const windowName = (number) => windowFormat.replace("__N__", number);
  const waitingLabel = document.querySelector("[data-waiting-label]").innerHTML.trim();
  const calling = document.querySelector("[data-calling]");
  const last = document.querySelector("[data-last]");
  const waiting = document.querySelector("[data-waiting]");
  const empty = document.querySelector("[data-empty]");
  const clock = document.querySelector("[data-clock]");
  const seen = new Set();
  const queue = [];
  let audio = null;
  let speaking = false;

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  function chime() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      const now = audio.currentTime;
      [880, 660].forEach((freq, i) => {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.type = "sine";
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, now + i * 0.45);
        gain.gain.exponentialRampToValueAtTime(0.4, now + i * 0.45 + 0.03);
        gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.45 + 0.4);
        osc.connect(gain).connect(audio.destination);
        osc.start(now + i * 0.45);
        osc.stop(now + i * 0.45 + 0.42);
      });
    } catch (error) {
      /* no audio: the screen works silently */
    }
  }

  function chineseVoice() {
    if (!("speechSynthesis" in window)) return null;
    return speechSynthesis.getVoices().find((v) => v.lang && v.lang.toLowerCase().startsWith("zh")) || null;
  }

  function announceNext() {
    if (speaking || !queue.length) return;
    const text = queue.shift();
    chime();
    const voice = chineseVoice();
    if (!voice) {
      setTimeout(announceNext, 1200);
      return;
    }
    speaking = true;
    const say = (times) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.voice = voice;
      utterance.lang = "zh-CN";
      utterance.rate = 0.9;
      utterance.onend = utterance.onerror = () => {
        if (times > 1) say(times - 1);
        else {
          speaking = false;
          announceNext();
        }
      };
      speechSynthesis.speak(utterance);
    };
    setTimeout(() => say(2), 900);
  }

  function render(data, first) {
    const current = data.calls.filter((c) => c.calling);
    calling.replaceChildren(
      ...current.slice(0, 6).map((c) => {
        const card = el("div", "gx-call" + (seen.has(c.key) || first ? "" : " fresh"));
        card.dataset.testid = "call";
        card.append(el("span", "num", c.number), el("span", "to", `→ ${windowName(c.window)}`));
        return card;
      }),
    );
    empty.hidden = current.length > 0;
    last.replaceChildren(
      ...data.calls.slice(0, 10).map((c) => {
        const row = el("tr");
        row.append(el("td", "num", c.number), el("td", "", windowName(c.window)), el("td", "", c.business), el("td", "", c.at));
        return row;
      }),
    );
    waiting.replaceChildren(
      ...data.businesses.map((b) => {
        const chip = el("span", "gx-wait", `${b.code} ${b.name} ${waitingLabel}`);
        chip.append(el("b", "", String(b.waiting)));
        return chip;
      }),
    );
    // Newest last, so the calls are spoken in the order they were made.
    data.calls
      .slice()
      .reverse()
      .forEach((c) => {
        if (seen.has(c.key)) return;
        seen.add(c.key);
        if (!first && c.calling) queue.push(c.speech);
      });
    announceNext();
  }

  // A change is pushed through the websocket when there is one; polling every second is the
  // fallback (and, with the socket open, a check every 5 seconds in case a push was lost).
  let busy = false;
  let again = false;
  let lastPoll = 0;
  let socketOpen = false;
  async function poll() {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    lastPoll = Date.now();
    try {
      const response = await fetch(url, { cache: "no-store", headers: { Accept: "application/json" } });
      if (response.ok) render(await response.json(), false);
    } catch (error) {
      /* the network or the server is away: try again at the next tick */
    } finally {
      busy = false;
      if (again) {
        again = false;
        poll();
      }
    }
  }

  function connect() {
    if (!("WebSocket" in window) || !body.dataset.ws) return;
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    let socket;
    try {
      socket = new WebSocket(`${scheme}://${window.location.host}${body.dataset.ws}`);
    } catch (error) {
      return;
    }
    socket.onopen = () => {
      socketOpen = true;
      body.dataset.live = "socket";
      poll();
    };
    socket.onmessage = () => poll();
    socket.onclose = () => {
      socketOpen = false;
      body.dataset.live = "poll";
      setTimeout(connect, 5000);
    };
  }

  render(JSON.parse(document.getElementById("hall-screen-data").textContent), true);
  setInterval(() => {
    if (!socketOpen || Date.now() - lastPoll > 5000) poll();
  }, 1000);
  connect();
  const tick = () => {
    clock.textContent = new Date().toLocaleTimeString("zh-CN", { hour12: false });
  };
  tick();
  setInterval(tick, 1000);
  document.querySelector("[data-sound]").addEventListener("click", (event) => {
    chime();
    if ("speechSynthesis" in window) speechSynthesis.getVoices();
    event.currentTarget.hidden = true;
  });
  if ("speechSynthesis" in window) speechSynthesis.getVoices();
})();
