import { useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { PageShell } from '../../components/page-shell';
import { currentAccount } from '../../services/session';
import { FilingForm } from './filing-form';

export const REPORT_PATH = '/pages/report/index';

/** 我要反映: a resident files a problem. Signing in comes first; the draft waits meanwhile. */
export default function Report() {
  const [signedIn, setSignedIn] = useState(() => currentAccount() !== undefined);
  useDidShow(() => {
    const account = currentAccount();
    setSignedIn(account !== undefined);
    if (!account) void Taro.redirectTo({ url: `/pages/login/index?redirect=${encodeURIComponent(REPORT_PATH)}` });
  });
  return <PageShell>{signedIn ? <FilingForm kind='report' variant='resident' /> : null}</PageShell>;
}
