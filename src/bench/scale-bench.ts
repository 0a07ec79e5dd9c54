/** Benchmark of several deskbot processes on one PostgreSQL: turns per second and p99 turn latency. */

/** The 7-turn conversation of src/bench/turn-bench.ts: an FAQ, collecting details, an open case, a status question. */
export const SCALE_SCRIPT: ReadonlyArray<{ text?: string; choice?: string }> = [
  { text: '어제 저녁 7시부터 갤럭시 안드로이드 14에서 앱 푸시 알림이 안 와요' },
  { choice: 'not_solved' },
  { text: '5.12.1' },
  { choice: 'confirm' },
  { text: '추가로 스크린샷 보내드릴게요' },
  { text: '내 문의 어떻게 됐어요?' },
  { text: '감사합니다' },
];
