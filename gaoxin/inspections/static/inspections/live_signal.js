// The live session's signalling socket (远程踏勘), shared by the phone and the room pages: a
// websocket to the platform (gaoxin.inspections.signalling) that reconnects by itself after a
// drop, with a growing pause, until the page closes it or another page takes over.
//
//   const signal = new Signal("/ws/inspect/live/<token>/");
//   signal.addEventListener("message", (e) => handle(e.detail));
//   signal.addEventListener("status", (e) => show(e.detail));  // "open" | "closed" | "superseded"
//   signal.connect(); signal.send({type: "offer", ...});

export function socketUrl(path) {
  const scheme = window.location.protocol === "https:" ? "wss://" : "ws://";
  return scheme + window.location.host + path;
}

export class Signal extends EventTarget {
  constructor(path) {
    super();
    this.url = socketUrl(path);
    this.socket = null;
    this.retries = 0;
    this.stopped = false;
    this.timer = null;
  }

  connect() {
    this.stopped = false;
    clearTimeout(this.timer);
    if (this.socket) {
      this.socket.onclose = null;
      this.socket.close();
    }
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      this.retries = 0;
      this.emit("status", "open");
    };
    socket.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (message.type === "superseded") {
        this.stopped = true;
        this.emit("status", "superseded");
        return;
      }
      this.emit("message", message);
    };
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      // 4403: refused (the link expired, the appointment was cancelled): no use retrying.
      if (event.code === 4403) this.stopped = true;
      this.emit("status", event.code === 4403 ? "refused" : "closed");
      if (!this.stopped) {
        const pause = Math.min(1000 * 2 ** this.retries, 10000);
        this.retries += 1;
        this.timer = setTimeout(() => this.connect(), pause);
      }
    };
  }

  get open() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  send(message) {
    if (!this.open) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  close() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.socket) this.socket.close();
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

// Handle messages one after another (each may await the peer connection), so an ICE
// candidate never overtakes the description it belongs to.
export function serially(handler) {
  let queue = Promise.resolve();
  return (message) => {
    queue = queue.then(() => handler(message)).catch((error) => console.warn("live:", error));
    return queue;
  };
}
