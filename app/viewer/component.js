// Streamlit's side of the step viewer (st.components.v2): loads the chart libraries and the viewer from
// the app's static folder once, unpacks the document, and keeps one viewer per mounted element.
const LIBRARIES = __LIBRARIES__; // app/viewer/files.py
const VIEWER = __VIEWER__;
const VERSION = "__FILES_VERSION__"; // a digest of the files (app/viewer/files.py): a browser never keeps an old copy
const viewers = new WeakMap(); // the component's element -> {viewer, id}: the cleanup only runs on unmount
let ready = null;

function staticUrl(path) {
  return new URL("app/static/" + path + "?v=" + VERSION, document.baseURI).href;
}

function loadScript(path) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = staticUrl(path);
    script.onload = resolve;
    script.onerror = () => reject(new Error("could not load " + path));
    document.head.append(script);
  });
}

function libraries() {
  if (!ready) {
    ready = (async () => {
      if (!window.vegaEmbed) {
        for (const path of LIBRARIES) await loadScript(path);
      }
      return import(staticUrl(VIEWER));
    })();
  }
  return ready;
}

async function unpack(packed) {
  const bytes = Uint8Array.from(atob(packed), (c) => c.charCodeAt(0));
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).json();
}

export default function (component) {
  const {data, parentElement, setStateValue} = component;
  let root = parentElement.querySelector(".ae-root");
  if (!root) {
    root = document.createElement("div");
    root.className = "ae-root";
    parentElement.append(root);
  }
  const known = viewers.get(parentElement);
  if (!known || known.id !== data.id) {
    const entry = {id: data.id, viewer: known ? known.viewer : null};
    viewers.set(parentElement, entry);
    Promise.all([libraries(), unpack(data.document)]).then(([module, doc]) => {
      if (viewers.get(parentElement) !== entry) return; // a newer document arrived meanwhile
      // the sentence goes with the step: the same step of the next sentence is news to the server too
      const onSettle = (step, panel, sentence) => {
        setStateValue("step", {step, sentence});
        if (panel) setStateValue("panel", panel);
      };
      if (entry.viewer) entry.viewer.setDocument(doc, data.step, data.panel);
      else entry.viewer = module.mountViewer(root, doc, {step: data.step, panel: data.panel, onSettle});
    });
  }
  return () => {
    const entry = viewers.get(parentElement);
    if (entry && entry.viewer) entry.viewer.destroy();
    viewers.delete(parentElement);
  };
}
