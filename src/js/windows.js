// Telling a window apart from other values, for every entry that takes one as `source`.

/** Whether `value` is a window. A WindowProxy, even a cross-origin one (whose prototype cannot be read), is its own `window`. */
export const isWindow = (value) => {
  try {
    // Chromium answers `window` with null for a closed cross-origin window (a closed popup, a
    // removed frame's), where Firefox and WebKitGTK still give the window itself: it is still one.
    return value !== null && typeof value === "object" && (value.window === value || (value.window === null && value.closed === true));
  } catch {
    return false;
  }
};
