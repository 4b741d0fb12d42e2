package io.fusioncommerce.topologies.campaigns;

/** Where a campaign stands. */
public enum CampaignStatus {
  /** Taking joins, below the minimum. */
  OPEN,
  /** The minimum was reached: group orders are placed; joins are taken up to the maximum until the end. */
  SUCCEEDED,
  /** The window ended below the minimum; nobody is charged. */
  EXPIRED,
  /** The topology refused to open it (the product changed between the request and the command). */
  REJECTED
}
