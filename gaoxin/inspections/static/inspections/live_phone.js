// The applicant's phone in a live site inspection (远程踏勘): the rear camera by default
// (switchable), sent peer to peer to the inspection room with WebRTC; the platform's socket
// carries the call's set-up and the inspector's instructions. The phone makes the offer each
// time the room is there (it joined, or it answered that it was present), so either side may
// reconnect at any time. On a weak network the browser lowers the picture by itself; the
// sender's top bitrate is capped so a mobile uplink is not swamped.
import { Signal, serially } from "./live_signal.js";

const config = JSON.parse(document.getElementById("live-config").textContent);
const T = config.text;
const $ = (name) => document.querySelector(`[data-live-${name}]`);
const video = $("video");
const stateText = $("state");
const dot = $("dot");
const instruction = $("instruction");
const history = $("history");
const errorBox = $("error");

let facing = "environment";
let stream = null;
let pc = null;
let call = 0;
let roomThere = false;
let statsTimer = null;

function show(state, text) {
  dot.dataset.state = state;
  stateText.textContent = text;
  document.body.dataset.liveState = state;
}

function fail(text) {
  errorBox.hidden = false;
  errorBox.textContent = text;
}

async function openCamera() {
  const wanted = {
    video: { facingMode: { ideal: facing }, width: { ideal: 1280 }, height: { ideal: 720 } },
    audio: { echoCancellation: true, noiseSuppression: true },
  };
  try {
    return await navigator.mediaDevices.getUserMedia(wanted);
  } catch (error) {
    // Some phones refuse the microphone or the size asked for: the picture matters most.
    return navigator.mediaDevices.getUserMedia({ video: { facingMode: facing }, audio: false });
  }
}

async function startCamera() {
  try {
    stream = await openCamera();
  } catch (error) {
    fail(T.noCamera);
    throw error;
  }
  video.srcObject = stream;
  $("camera").textContent = facing === "environment" ? T.rear : T.front;
}

async function switchCamera() {
  facing = facing === "environment" ? "user" : "environment";
  const old = stream;
  const fresh = await openCamera();
  const track = fresh.getVideoTracks()[0];
  if (pc) {
    const sender = pc.getSenders().find((s) => s.track && s.track.kind === "video");
    if (sender) await sender.replaceTrack(track);
  }
  // Keep the sound of the old stream when the new one has none.
  const audio = fresh.getAudioTracks()[0] || (old && old.getAudioTracks()[0]);
  stream = new MediaStream(audio ? [track, audio] : [track]);
  if (old) old.getVideoTracks().forEach((t) => t.stop());
  fresh.getAudioTracks().forEach((t) => t !== audio && t.stop());
  video.srcObject = stream;
  $("camera").textContent = facing === "environment" ? T.rear : T.front;
  signal.send({ type: "camera", facing });
}

function closeCall() {
  clearInterval(statsTimer);
  if (pc) {
    pc.onicecandidate = null;
    pc.onconnectionstatechange = null;
    pc.close();
    pc = null;
  }
}

async function capBitrate() {
  const sender = pc.getSenders().find((s) => s.track && s.track.kind === "video");
  if (!sender) return;
  const parameters = sender.getParameters();
  if (!parameters.encodings || !parameters.encodings.length) parameters.encodings = [{}];
  parameters.encodings[0].maxBitrate = config.maxBitrate;
  // A site inspection reads signs and meters: keep the detail, let the frame rate give.
  parameters.degradationPreference = "maintain-resolution";
  try {
    await sender.setParameters(parameters);
  } catch (error) {
    console.warn("live: setParameters", error);
  }
}

// Watch what the network allows; below ~300 kbit/s the picture is halved, so it keeps moving.
function watchNetwork(current) {
  let halved = false;
  statsTimer = setInterval(async () => {
    if (!pc || current !== call) return;
    const report = await pc.getStats();
    let available = null;
    report.forEach((s) => {
      if (s.type === "candidate-pair" && s.nominated && s.availableOutgoingBitrate) {
        available = s.availableOutgoingBitrate;
      }
    });
    if (available === null || pc.connectionState !== "connected") return;
    const weak = available < 300000;
    show(weak ? "weak" : "ok", weak ? T.weak : T.connected);
    if (weak !== halved) {
      halved = weak;
      const sender = pc.getSenders().find((s) => s.track && s.track.kind === "video");
      if (!sender) return;
      const parameters = sender.getParameters();
      if (!parameters.encodings || !parameters.encodings.length) return;
      parameters.encodings[0].scaleResolutionDownBy = weak ? 2 : 1;
      sender.setParameters(parameters).catch(() => {});
    }
  }, 3000);
}

async function startCall() {
  if (!stream) return;
  closeCall();
  call += 1;
  const current = call;
  pc = new RTCPeerConnection({ iceServers: config.iceServers || [] });
  stream.getTracks().forEach((track) => pc.addTrack(track, stream));
  pc.onicecandidate = (event) => {
    if (event.candidate) signal.send({ type: "ice", call: current, candidate: event.candidate.toJSON() });
  };
  pc.onconnectionstatechange = () => {
    if (current !== call) return;
    const state = pc.connectionState;
    signal.send({ type: "state", call: current, state });
    if (state === "connected") show("ok", T.connected);
    else if (state === "disconnected") show("weak", T.weak);
    else if (state === "failed") {
      show("lost", T.lost);
      if (roomThere) startCall(); // a fresh call: new candidates, perhaps a new network
    }
  };
  show("connecting", T.connecting);
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  await capBitrate();
  signal.send({ type: "offer", call: current, sdp: pc.localDescription.sdp });
  watchNetwork(current);
}

function note(text) {
  const item = document.createElement("li");
  item.textContent = `${new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" })} ${text}`;
  history.prepend(item);
}

// The inspector's instruction, large; the earlier ones and the photos taken listed below.
function say(text) {
  instruction.hidden = false;
  instruction.textContent = text;
  note(text);
  if (navigator.vibrate) navigator.vibrate(200);
}

const handle = serially(async (message) => {
  switch (message.type) {
    case "peer":
      if (message.role !== "room") return;
      if (message.state === "left") {
        roomThere = false;
        closeCall();
        show("waiting", T.left);
      } else {
        roomThere = true;
        await startCall();
      }
      return;
    case "answer":
      if (pc && message.call === call) {
        await pc.setRemoteDescription({ type: "answer", sdp: message.sdp });
      }
      return;
    case "ice":
      if (pc && message.call === call && message.candidate) {
        await pc.addIceCandidate(message.candidate);
      }
      return;
    case "hangup":
      if (message.call === call) closeCall();
      return;
    case "instruction":
      say(message.text);
      return;
    case "switch-camera":
      await switchCamera();
      return;
    case "recording":
      $("rec").hidden = message.state !== "started";
      return;
    case "still":
      note(`${T.stillTaken}: ${message.label || ""}`);
      return;
    default:
  }
});

const signal = new Signal(config.wsPath);
signal.addEventListener("message", (event) => handle(event.detail));
signal.addEventListener("status", (event) => {
  if (event.detail === "open") show("waiting", T.waiting);
  else if (event.detail === "superseded") {
    closeCall();
    show("lost", T.superseded);
  } else if (event.detail === "refused") {
    closeCall();
    show("lost", T.lost);
  } else if (!pc || pc.connectionState !== "connected") show("lost", T.signalLost);
});

$("switch").addEventListener("click", () => switchCamera().catch((e) => fail(String(e))));
$("reconnect").addEventListener("click", () => {
  closeCall();
  show("connecting", T.connecting);
  signal.connect(); // the room answers that it is there, and the call starts again
});
window.addEventListener("online", () => {
  if (!signal.open) signal.connect();
});

startCamera()
  .then(() => signal.connect())
  .catch((error) => console.warn("live: camera", error));
