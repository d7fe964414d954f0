import Taro from '@tarojs/taro';

/**
 * Getting a photo from the camera or album to the server as a JPEG, on each platform. The server
 * takes the raw bytes; compressing here keeps uploads small on a phone's network and turns an
 * iPhone's HEIC into a JPEG.
 */

/** The long side a photo is brought down to, and the JPEG quality: enough to see a pothole. */
export const MAX_LONG_SIDE = 1600;
export const JPEG_QUALITY = 0.8;
const PREVIEW_LONG_SIDE = 240;

export interface PreparedPhoto {
  bytes: ArrayBuffer;
  /** A preview that outlives the page: a small data URL on H5, the compressed file in the mini-program. */
  preview: string;
}

/** Camera or album, images only; answers the picked files' local paths (none when cancelled). */
export async function choosePhotos(count: number): Promise<string[]> {
  try {
    const { tempFiles } = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    return tempFiles.map((file) => file.tempFilePath);
  } catch (error) {
    if (isCancel(error)) return [];
    throw error;
  }
}

function isCancel(error: unknown): boolean {
  const message = (error as { errMsg?: string } | undefined)?.errMsg ?? '';
  return /cancel|abort/i.test(message);
}

export async function preparePhoto(path: string): Promise<PreparedPhoto> {
  if (process.env.TARO_ENV === 'h5') return prepareInBrowser(path);
  const { tempFilePath } = await Taro.compressImage({ src: path, quality: Math.round(JPEG_QUALITY * 100), compressedWidth: MAX_LONG_SIDE } as Taro.compressImage.Option);
  const bytes = await readFileBytes(tempFilePath);
  return { bytes, preview: tempFilePath };
}

function readFileBytes(filePath: string): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      success: (result) => resolve(result.data as ArrayBuffer),
      fail: reject,
    });
  });
}

/** The size a picture is drawn at so its long side is at most `limit` (never enlarged). */
export function fitWithin(width: number, height: number, limit: number): { width: number; height: number } {
  const scale = Math.min(1, limit / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

async function prepareInBrowser(path: string): Promise<PreparedPhoto> {
  const image = await loadImage(path).catch(() => undefined);
  if (!image) {
    // A format this browser cannot draw (HEIC in Chrome): the server still decodes the original.
    const bytes = await fetch(path).then((response) => response.arrayBuffer());
    return { bytes, preview: path };
  }
  const full = drawScaled(image, MAX_LONG_SIDE);
  const blob = await new Promise<Blob | null>((resolve) => full.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
  const bytes = blob ? await blob.arrayBuffer() : await fetch(path).then((response) => response.arrayBuffer());
  const preview = drawScaled(image, PREVIEW_LONG_SIDE).toDataURL('image/jpeg', 0.7);
  return { bytes, preview };
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = reject;
    image.src = src;
  });
}

function drawScaled(image: HTMLImageElement, limit: number): HTMLCanvasElement {
  const size = fitWithin(image.naturalWidth, image.naturalHeight, limit);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (context) {
    // JPEG has no transparency: a PNG's clear parts would turn black.
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, size.width, size.height);
    context.drawImage(image, 0, 0, size.width, size.height);
  }
  return canvas;
}
