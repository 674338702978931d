// The inspection room in a live site inspection (远程踏勘): the applicant's video large, the
// checklist with a still per point, instructions to the phone, notes, and the recording.
//
// The recording draws the received video onto a canvas (with the case number and the time
// burnt in) and records the canvas with MediaRecorder, so one recording runs on across the
// phone's reconnects. Every two seconds MediaRecorder hands over a chunk, which is uploaded
// with its number; a failed upload is retried until the server confirms it, so a dropped
// connection loses at most the seconds it was down, and the chunks are assembled in order into
// the WebM when the recording stops.
import { Signal, serially } from "./live_signal.js";

const config = JSON.parse(document.getElementById("live-config").textContent);
const T = config.text;
const csrf = document.querySelector("[name=csrfmiddlewaretoken]").value;
const $ = (name) => document.querySelector(`[data-live-${name}]`);
const video = $("video");
const stateText = $("state");
const dot = $("dot");
const CHUNK_MS = 2000;

let pc = null;
let call = null;
let remote = null;
let pending = [];
let statsTimer = null;

function show(state, text) {
  dot.dataset.state = state;
  stateText.textContent = text;
  document.body.dataset.liveState = state;
}

function post(url, body, headers = {}) {
  return fetch(url, {
    method: "POST",
    body,
    headers: { "X-CSRFToken": csrf, ...headers },
    credentials: "same-origin",
  });
}

// --- The call: the phone offers, the room answers ---------------------------------------

function closeCall() {
  clearInterval(statsTimer);
  if (pc) {
    pc.ontrack = null;
    pc.onicecandidate = null;
    pc.onconnectionstatechange = null;
    pc.close();
    pc = null;
  }
}

function watchVideo() {
  statsTimer = setInterval(async () => {
    if (!pc) return;
    const report = await pc.getStats();
    report.forEach((s) => {
      if (s.type === "inbound-rtp" && s.kind === "video" && s.frameWidth) {
        $("quality").textContent = `${s.frameWidth}×${s.frameHeight} · ${Math.round(s.framesPerSecond || 0)} fps`;
      }
    });
  }, 2000);
}

async function answer(message) {
  closeCall();
  call = message.call;
  const current = call;
  pending = [];
  pc = new RTCPeerConnection({ iceServers: config.iceServers || [] });
  pc.ontrack = (event) => {
    const stream = event.streams[0] || new MediaStream([event.track]);
    if (remote !== stream) {
      remote = stream;
      video.srcObject = stream;
      recorder.listen(stream);
    }
  };
  pc.onicecandidate = (event) => {
    if (event.candidate) signal.send({ type: "ice", call: current, candidate: event.candidate.toJSON() });
  };
  pc.onconnectionstatechange = () => {
    if (current !== call || !pc) return;
    const state = pc.connectionState;
    if (state === "connected") show("ok", T.connected);
    else if (state === "disconnected") show("weak", T.weak);
    else if (state === "failed") show("lost", T.lost);
  };
  show("connecting", T.connecting);
  await pc.setRemoteDescription({ type: "offer", sdp: message.sdp });
  for (const candidate of pending) await pc.addIceCandidate(candidate);
  pending = [];
  const reply = await pc.createAnswer();
  await pc.setLocalDescription(reply);
  signal.send({ type: "answer", call: current, sdp: pc.localDescription.sdp });
  watchVideo();
}

const handle = serially(async (message) => {
  switch (message.type) {
    case "peer":
      if (message.role !== "phone") return;
      if (message.state === "left") {
        show("waiting", T.left);
      } else {
        show("connecting", T.connecting); // the phone offers as soon as it knows we are here
      }
      return;
    case "offer":
      await answer(message);
      return;
    case "ice":
      if (message.call !== call || !message.candidate) return;
      if (pc && pc.remoteDescription) await pc.addIceCandidate(message.candidate);
      else pending.push(message.candidate);
      return;
    case "camera":
      $("camera").textContent = message.facing === "user" ? "↺" : "";
      return;
    default:
  }
});

const signal = new Signal(config.wsPath);
signal.addEventListener("message", (event) => handle(event.detail));
signal.addEventListener("status", (event) => {
  if (event.detail === "open") {
    if (!pc || pc.connectionState !== "connected") show("waiting", T.waiting);
  } else if (event.detail === "superseded") {
    closeCall();
    show("lost", T.superseded);
  } else if (!pc || pc.connectionState !== "connected") {
    show("lost", T.signalLost);
  }
});

// --- Uploads that survive a dropped connection -------------------------------------------

class Uploader {
  constructor(onChange) {
    this.queue = [];
    this.running = false;
    this.onChange = onChange;
    this.idle = Promise.resolve();
    this.wake = null;
  }

  push(url, blob) {
    this.queue.push({ url, blob });
    this.onChange(this.queue.length);
    if (!this.running) this.idle = this.run();
  }

  async run() {
    this.running = true;
    let pause = 500;
    while (this.queue.length) {
      const { url, blob } = this.queue[0];
      let ok = false;
      try {
        const response = await post(url, blob, { "Content-Type": "application/octet-stream" });
        // 409 with a different body would be a bug; a refused chunk is not retried forever.
        // A 200 that is not the platform's JSON (a sign-in page after a redirect, a proxy's
        // page) has not stored anything: try again.
        const json = (response.headers.get("Content-Type") || "").includes("application/json");
        ok = (response.ok && json) || response.status === 413 || response.status === 415;
        if (!response.ok && ok) console.warn("chunk refused for good", url, response.status);
      } catch (error) {
        ok = false;
      }
      if (ok) {
        this.queue.shift();
        pause = 500;
        this.onChange(this.queue.length);
      } else {
        await new Promise((resolve) => {
          this.wake = resolve;
          setTimeout(resolve, pause);
        });
        pause = Math.min(pause * 2, 8000);
      }
    }
    this.running = false;
  }

  retryNow() {
    if (this.wake) this.wake();
  }

  drained() {
    return this.idle;
  }
}

// --- The recording --------------------------------------------------------------------

class Recorder {
  constructor() {
    this.canvas = document.createElement("canvas");
    this.canvas.width = 1280;
    this.canvas.height = 720;
    this.context = this.canvas.getContext("2d");
    this.audio = null;
    this.mixed = null;
    this.media = null;
    this.timer = null;
    this.startedAt = 0;
    this.seq = 0;
    this.urls = null;
    this.sources = new WeakSet();
    this.uploader = new Uploader((n) => {
      $("pending").textContent = n ? `${n} ${T.uploading}` : "";
    });
  }

  // Each new stream from the phone (after a reconnect) joins the recording's sound.
  listen(stream) {
    if (!this.audio || this.sources.has(stream) || !stream.getAudioTracks().length) return;
    this.sources.add(stream);
    this.audio.createMediaStreamSource(stream).connect(this.mixed);
  }

  draw() {
    const { canvas, context } = this;
    context.fillStyle = "#000";
    context.fillRect(0, 0, canvas.width, canvas.height);
    if (video.videoWidth) {
      const scale = Math.min(canvas.width / video.videoWidth, canvas.height / video.videoHeight);
      const w = video.videoWidth * scale;
      const h = video.videoHeight * scale;
      context.drawImage(video, (canvas.width - w) / 2, (canvas.height - h) / 2, w, h);
    }
    const stamp = `${config.caseNumber}  ${new Date().toLocaleString("zh-CN", { hour12: false })}`;
    context.font = "24px sans-serif";
    context.fillStyle = "rgba(0,0,0,.55)";
    context.fillRect(8, canvas.height - 44, context.measureText(stamp).width + 20, 36);
    context.fillStyle = "#fff";
    context.fillText(stamp, 18, canvas.height - 18);
  }

  get running() {
    return this.media !== null && this.media.state === "recording";
  }

  async start() {
    const response = await post(config.urls.recordingStart, null);
    if (!response.ok) throw new Error(T.recordingFailed);
    this.urls = await response.json();
    if (!this.audio) {
      this.audio = new AudioContext();
      this.mixed = this.audio.createMediaStreamDestination();
      // A silent source keeps the sound track running while the phone sends none.
      const silence = this.audio.createConstantSource();
      const gain = this.audio.createGain();
      gain.gain.value = 0;
      silence.connect(gain).connect(this.mixed);
      silence.start();
    }
    await this.audio.resume();
    if (remote) this.listen(remote);
    this.draw();
    this.timer = setInterval(() => this.draw(), 1000 / 15);
    const tracks = [
      ...this.canvas.captureStream(15).getVideoTracks(),
      ...this.mixed.stream.getAudioTracks(),
    ];
    const type = ["video/webm;codecs=vp8,opus", "video/webm;codecs=vp8", "video/webm"].find(
      (t) => MediaRecorder.isTypeSupported(t),
    );
    this.media = new MediaRecorder(new MediaStream(tracks), {
      mimeType: type,
      videoBitsPerSecond: 1500000,
    });
    this.seq = 0;
    const urls = this.urls;
    this.media.ondataavailable = (event) => {
      if (!event.data || !event.data.size) return;
      const url = urls.chunk.replace(/\/0\/$/, `/${this.seq}/`);
      this.seq += 1;
      this.uploader.push(url, event.data);
    };
    this.stopped = new Promise((resolve) => {
      this.media.onstop = resolve;
    });
    this.media.start(CHUNK_MS);
    this.startedAt = performance.now();
    signal.send({ type: "recording", state: "started" });
  }

  async stop() {
    if (!this.media) return null;
    const length = (performance.now() - this.startedAt) / 1000;
    this.media.stop();
    await this.stopped;
    clearInterval(this.timer);
    this.media = null;
    signal.send({ type: "recording", state: "stopped" });
    await this.uploader.drained();
    const response = await post(
      this.urls.finish,
      JSON.stringify({ length_seconds: length }),
      { "Content-Type": "application/json" },
    );
    if (!response.ok) throw new Error(T.recordingFailed);
    return response.json();
  }
}

const recorder = new Recorder();
const startButton = $("record-start");
const stopButton = $("record-stop");
let clock = null;

startButton.addEventListener("click", async () => {
  startButton.disabled = true;
  try {
    await recorder.start();
    stopButton.disabled = false;
    document.body.dataset.recording = "on";
    $("rec").hidden = false;
    const began = Date.now();
    clock = setInterval(() => {
      const s = Math.floor((Date.now() - began) / 1000);
      $("rec-time").textContent = `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
    }, 500);
  } catch (error) {
    startButton.disabled = false;
    $("rec-result").textContent = String(error.message || error);
  }
});

stopButton.addEventListener("click", async () => {
  stopButton.disabled = true;
  clearInterval(clock);
  try {
    const saved = await recorder.stop();
    $("rec").hidden = true;
    document.body.dataset.recording = "saved";
    const item = document.createElement("li");
    item.dataset.testid = "recording-saved";
    item.textContent = `${T.recordingSaved}: ${saved.length_seconds}s · ${saved.size} B · SHA-256 ${saved.sha256.slice(0, 16)}…`;
    $("recordings").append(item);
  } catch (error) {
    $("rec-result").textContent = String(error.message || error);
  }
  startButton.disabled = false;
});

window.addEventListener("online", () => recorder.uploader.retryNow());
window.addEventListener("beforeunload", (event) => {
  if (recorder.running || recorder.uploader.queue.length) event.preventDefault();
});

// --- Stills, instructions, notes --------------------------------------------------------

async function takeStill(point, button) {
  if (!video.videoWidth) {
    $("rec-result").textContent = T.noVideo;
    return;
  }
  button.disabled = true;
  const canvas = document.createElement("canvas");
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  canvas.getContext("2d").drawImage(video, 0, 0);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.9));
  const form = new FormData();
  form.append("point", String(point));
  form.append("file", blob, `still-${point + 1}.jpg`);
  try {
    const response = await post(config.urls.still, form);
    if (!response.ok) throw new Error(T.stillFailed);
    const saved = await response.json();
    const image = document.createElement("img");
    image.src = URL.createObjectURL(blob);
    image.alt = `${config.checklist[point]} ${saved.time}`;
    image.title = `${saved.time} · SHA-256 ${saved.sha256}`;
    image.className = "gx-still";
    image.dataset.testid = "still";
    document.querySelector(`[data-stills="${point}"]`).append(image);
    signal.send({ type: "still", point, label: config.checklist[point] });
  } catch (error) {
    $("rec-result").textContent = T.stillFailed;
  }
  button.disabled = false;
}

document.querySelectorAll("[data-still]").forEach((button) => {
  button.addEventListener("click", () => takeStill(Number(button.dataset.still), button));
});

const instructionForm = $("instruction-form");
instructionForm.addEventListener("submit", (event) => {
  event.preventDefault();
  const field = instructionForm.elements.text;
  const text = field.value.trim();
  if (!text) return;
  if (signal.send({ type: "instruction", text })) {
    const item = document.createElement("li");
    item.textContent = `${new Date().toLocaleTimeString("zh-CN", { hour12: false }).slice(0, 5)} ${text}`;
    $("sent").prepend(item);
    field.value = "";
  }
});
document.querySelectorAll("[data-say]").forEach((button) => {
  button.addEventListener("click", () => {
    instructionForm.elements.text.value = button.dataset.say;
    instructionForm.requestSubmit();
  });
});
$("switch").addEventListener("click", () => signal.send({ type: "switch-camera" }));
$("sound").addEventListener("click", () => {
  video.muted = !video.muted;
  $("sound").setAttribute("aria-pressed", String(!video.muted));
});

const notes = $("notes");
let notesTimer = null;
notes.addEventListener("input", () => {
  clearTimeout(notesTimer);
  $("notes-state").textContent = "…";
  notesTimer = setTimeout(async () => {
    const body = new URLSearchParams({ notes: notes.value });
    try {
      const response = await post(config.urls.notes, body);
      $("notes-state").textContent = response.ok ? T.saved : "!";
    } catch (error) {
      $("notes-state").textContent = "!";
    }
  }, 1200);
});

show("waiting", T.waiting);
signal.connect();
