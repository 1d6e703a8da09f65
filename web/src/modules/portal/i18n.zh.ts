/** The staff side of the customer portal: a contact's portal access on the customer page (docs/portal.md#accounts). */
export const zh = {
  access: {
    active: '门户已开通',
    activeAs: '门户账号:{{username}}',
    invited: '已邀请',
    invitedUntil: '邀请有效至 {{date}}',
    expired: '邀请已过期',
    invite: '邀请开通门户',
    reinvite: '重新邀请',
    revoke: '撤销门户',
    confirmRevoke: '撤销后该联系人将立即退出客户门户,确定撤销?',
    revoked: '已撤销门户访问',
    linkTitle: '客户门户邀请链接',
    linkIntro: '请把链接发给 {{name}}:打开后设置用户名和密码即可登录客户门户。链接只能使用一次,有效至 {{date}}。',
    linkOnce: '链接只显示这一次,关闭后无法再次查看(可以重新邀请)。',
    qr: '用手机扫码打开',
    copy: '复制链接',
    close: '关闭',
  },
};
