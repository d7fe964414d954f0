import Taro from '@tarojs/taro';
import { ApiError, NETWORK_ERROR_MESSAGE, readToken, toApiError } from './http';
import { pollResultsCsv, pollResultsCsvUrl } from './polls';
import { saveInBrowser } from './browser-download';

/** Excel reads a CSV as UTF-8 only with the byte-order mark; a text response may have lost it. */
const BOM = '\uFEFF';

/**
 * Saves a poll's results as a CSV file: on H5 a download of the file (fetched with the token, kept
 * as a Blob); in the mini-program downloaded with the token and opened in WeChat's viewer.
 */
export async function saveResultsCsv(id: string, fileName: string): Promise<void> {
  if (process.env.TARO_ENV === 'h5') {
    const text = await pollResultsCsv(id);
    const blob = new Blob([text.startsWith(BOM) ? text : BOM + text], { type: 'text/csv;charset=utf-8' });
    saveInBrowser(blob, fileName);
    return;
  }
  const token = readToken();
  let downloaded: Taro.downloadFile.FileSuccessCallbackResult;
  try {
    downloaded = await Taro.downloadFile({ url: pollResultsCsvUrl(id), header: token ? { Authorization: `Bearer ${token}` } : {} });
  } catch (cause) {
    throw new ApiError('network', NETWORK_ERROR_MESSAGE, 0, cause);
  }
  if (downloaded.statusCode !== 200) throw toApiError(downloaded.statusCode, undefined);
  await Taro.openDocument({ filePath: downloaded.tempFilePath, showMenu: true } as Taro.openDocument.Option);
}
