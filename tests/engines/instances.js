// A classic script, run before any module script: records every wasm instance the page creates, so
// the benchmark and the lifecycle suite can read the package's wasm memory, which the package
// itself does not expose.
window.wasmInstances = [];
WebAssembly.Instance = new Proxy(WebAssembly.Instance, {
  construct(target, args, newTarget) {
    const instance = Reflect.construct(target, args, newTarget);
    window.wasmInstances.push(instance);
    return instance;
  },
});
