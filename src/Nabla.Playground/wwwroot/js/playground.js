// Drawing for the Nabla Playground: the C# side computes every number; this file only paints arrays onto canvases,
// writes the URL and saves files. Colours: orange for negative (class 0), white at 0, blue for positive (class 1).
const negative = [245, 147, 34], positive = [8, 119, 189];
const boundaries = new Map();

function colour(t) {
    t = Math.max(-1, Math.min(1, t));
    const c = t < 0 ? negative : positive, s = Math.abs(t);
    return [255 + (c[0] - 255) * s, 255 + (c[1] - 255) * s, 255 + (c[2] - 255) * s];
}

// Paints a g × g grid (row 0 at the top) onto a canvas, values mapped from [lo, hi] to [-1, 1].
function paintGrid(canvas, g, values, offset, lo, hi, discrete) {
    const ctx = canvas.getContext("2d");
    const image = new ImageData(g, g);
    const mid = (lo + hi) / 2, half = (hi - lo) / 2 || 1;
    for (let k = 0; k < g * g; k++) {
        let t = (values[offset + k] - mid) / half;
        if (discrete) t = t >= 0 ? 0.75 : -0.75;
        const [r, gr, b] = colour(t);
        image.data[4 * k] = r; image.data[4 * k + 1] = gr; image.data[4 * k + 2] = b; image.data[4 * k + 3] = 255;
    }
    const small = new OffscreenCanvas(g, g);
    small.getContext("2d").putImageData(image, 0, 0);
    ctx.imageSmoothingEnabled = !discrete;
    ctx.drawImage(small, 0, 0, canvas.width, canvas.height);
}

export function setBoundary(canvasId, g, values) {
    boundaries.set(canvasId, g > 0 ? { g, values: Float64Array.from(values) } : null);
}

// The output surface with the points; extent is half the side of the square shown.
export function drawSurface(canvasId, g, values, lo, hi, discrete, extent, x1, x2, target, test, showTest, regression, highlight) {
    const canvas = document.getElementById(canvasId);
    if (!canvas) return;
    paintGrid(canvas, g, values, 0, lo, hi, discrete);
    const ctx = canvas.getContext("2d"), w = canvas.width, h = canvas.height;
    const boundary = boundaries.get(canvasId);
    if (boundary) {
        // The true Bayes boundary: cells whose sign differs from the cell right of or below them.
        const bg = boundary.g, v = boundary.values, cw = w / bg, ch = h / bg;
        ctx.fillStyle = "rgba(20, 20, 20, 0.9)";
        for (let i = 0; i < bg - 1; i++) for (let j = 0; j < bg - 1; j++) {
            const s = v[i * bg + j] > 0;
            if (s !== (v[i * bg + j + 1] > 0) || s !== (v[(i + 1) * bg + j] > 0)) ctx.fillRect((j + 0.5) * cw, (i + 0.5) * ch, 1.6, 1.6);
        }
    }
    for (let i = 0; i < x1.length; i++) {
        if (test[i] && !showTest) continue;
        const px = (x1[i] + extent) / (2 * extent) * w, py = (extent - x2[i]) / (2 * extent) * h;
        const [r, gr, b] = colour(regression ? target[i] : (target[i] >= 0.5 ? 1 : -1));
        ctx.beginPath();
        ctx.arc(px, py, i === highlight ? 6 : 3.2, 0, 2 * Math.PI);
        ctx.fillStyle = `rgb(${r},${gr},${b})`;
        ctx.fill();
        ctx.lineWidth = test[i] || i === highlight ? 1.6 : 1;
        ctx.strokeStyle = test[i] || i === highlight ? "black" : "white";
        ctx.stroke();
    }
}

// Thumbnails of every node: count grids of g × g, one after another, each onto canvas prefix + index with its own range.
export function drawUnits(prefix, count, g, values, lo, hi) {
    for (let k = 0; k < count; k++) {
        const canvas = document.getElementById(prefix + k);
        if (canvas) paintGrid(canvas, g, values, k * g * g, lo[k], hi[k], false);
    }
}

export function setQuery(query) {
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
}

export function download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: "application/octet-stream" }));
    const a = document.createElement("a");
    a.href = url; a.download = name;
    document.body.appendChild(a); a.click(); a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function nextFrame() {
    return new Promise(resolve => requestAnimationFrame(() => resolve()));
}
