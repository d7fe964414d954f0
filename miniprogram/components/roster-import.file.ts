import Taro from '@tarojs/taro';
import { saveInBrowser } from '../services/browser-download';

/** A file the community picked: its name and its bytes as they are (the server reads UTF-8 and GBK). */
export interface PickedFile {
  name: string;
  bytes: ArrayBuffer;
}

/**
 * Asks for one CSV file: on H5 the browser's file chooser, in the mini-program a file from a chat
 * (WeChat's only way to a file). Resolves null when the person closes the chooser.
 */
export function pickCsvFile(): Promise<PickedFile | null> {
  if (process.env.TARO_ENV === 'h5') {
    return new Promise((resolve, reject) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.csv,text/csv';
      input.style.display = 'none';
      input.addEventListener('change', () => {
        const file = input.files?.[0];
        input.remove();
        if (!file) return resolve(null);
        file.arrayBuffer().then((bytes) => resolve({ name: file.name, bytes }), reject);
      });
      input.addEventListener('cancel', () => {
        input.remove();
        resolve(null);
      });
      document.body.appendChild(input);
      input.click();
    });
  }
  return Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['csv'] }).then(
    ({ tempFiles }) =>
      new Promise<PickedFile | null>((resolve, reject) => {
        const [file] = tempFiles;
        if (!file) return resolve(null);
        Taro.getFileSystemManager().readFile({
          filePath: file.path,
          success: (read) => resolve({ name: file.name, bytes: read.data as ArrayBuffer }),
          fail: reject,
        });
      }),
    () => null,
  );
}

/** Hands the sample to the community: a file download on H5, the clipboard in the mini-program. */
export async function offerSample(text: string, fileName: string): Promise<'downloaded' | 'copied'> {
  if (process.env.TARO_ENV === 'h5') {
    // With the byte-order mark Excel opens it as UTF-8 rather than garbling the Chinese.
    saveInBrowser(new Blob([`\uFEFF${text}`], { type: 'text/csv;charset=utf-8' }), fileName);
    return 'downloaded';
  }
  await Taro.setClipboardData({ data: text });
  return 'copied';
}
