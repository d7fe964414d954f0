import Taro from '@tarojs/taro';
import { wgs84ToGcj02 } from '../components/place-picker.geo';

const insideWeChat = process.env.TARO_ENV === 'weapp';

/** Where the phone is, in GCJ-02: WeChat answers in it; a browser answers WGS-84, converted here. */
export async function currentPoint(): Promise<{ lng: number; lat: number }> {
  if (insideWeChat) {
    const { longitude, latitude } = await Taro.getLocation({ type: 'gcj02' });
    return { lng: longitude, lat: latitude };
  }
  const { longitude, latitude } = await Taro.getLocation({ type: 'wgs84' });
  return wgs84ToGcj02({ lng: longitude, lat: latitude });
}
