// Custom labels used by the co-sell card (every user-facing string lives in CustomLabels, `CoSell_*`).
import ACTION_ACCEPT from '@salesforce/label/c.CoSell_Card_Action_Accept';
import ACTION_DECLINE from '@salesforce/label/c.CoSell_Card_Action_Decline';
import ACTION_RESOLVE_CONFLICT from '@salesforce/label/c.CoSell_Card_Action_ResolveConflict';
import ACTION_RETRY from '@salesforce/label/c.CoSell_Card_Action_Retry';
import ACTION_SHARE from '@salesforce/label/c.CoSell_Card_Action_Share';
import ACTION_SYNC_NOW from '@salesforce/label/c.CoSell_Card_Action_SyncNow';
import ACCEPTED from '@salesforce/label/c.CoSell_Card_Accepted';
import ACCEPT_FAILED from '@salesforce/label/c.CoSell_Card_AcceptFailed';
import ACTIONS from '@salesforce/label/c.CoSell_Card_Actions';
import ADD_NEW_SOLUTION from '@salesforce/label/c.CoSell_Card_AddNewSolution';
import ADD_SOLUTION from '@salesforce/label/c.CoSell_Card_AddSolution';
import AS_SENT from '@salesforce/label/c.CoSell_Card_AsSent';
import CANCEL from '@salesforce/label/c.CoSell_Common_Cancel';
import CLOSE_DATE from '@salesforce/label/c.CoSell_Card_CloseDate';
import CONFLICT_FAILED from '@salesforce/label/c.CoSell_Card_ConflictFailed';
import CONFLICT_FIELD from '@salesforce/label/c.CoSell_Card_Conflict_Field';
import CONFLICT_INTRO from '@salesforce/label/c.CoSell_Card_Conflict_Intro';
import CONFLICT_KEEP_OURS from '@salesforce/label/c.CoSell_Card_Conflict_KeepOurs';
import CONFLICT_NO_DETAIL from '@salesforce/label/c.CoSell_Card_Conflict_NoDetail';
import CONFLICT_OURS from '@salesforce/label/c.CoSell_Card_Conflict_Ours';
import CONFLICT_RESOLVED from '@salesforce/label/c.CoSell_Card_ConflictResolved';
import CONFLICT_TAKE_THEIRS from '@salesforce/label/c.CoSell_Card_Conflict_TakeTheirs';
import CONFLICT_THEIRS from '@salesforce/label/c.CoSell_Card_Conflict_Theirs';
import CONFLICT_TITLE from '@salesforce/label/c.CoSell_Card_Conflict_Title';
import CURRENCY from '@salesforce/label/c.CoSell_Card_Currency';
import DEAL_VALUE from '@salesforce/label/c.CoSell_Card_DealValue';
import DECLINED from '@salesforce/label/c.CoSell_Card_Declined';
import DECLINE_CONFIRM from '@salesforce/label/c.CoSell_Card_Decline_Confirm';
import DECLINE_FAILED from '@salesforce/label/c.CoSell_Card_DeclineFailed';
import DECLINE_REASON from '@salesforce/label/c.CoSell_Card_Decline_Reason';
import DECLINE_REASON_HELP from '@salesforce/label/c.CoSell_Card_Decline_ReasonHelp';
import DECLINE_REASON_REQUIRED from '@salesforce/label/c.CoSell_Card_Decline_ReasonRequired';
import DECLINE_TITLE from '@salesforce/label/c.CoSell_Card_Decline_Title';
import DIRECTION from '@salesforce/label/c.CoSell_Card_Direction';
import DIRECTION_INCOMING from '@salesforce/label/c.CoSell_Card_Direction_Incoming';
import DIRECTION_OUTGOING from '@salesforce/label/c.CoSell_Card_Direction_Outgoing';
import EXPIRED from '@salesforce/label/c.CoSell_Card_Expired';
import EXPIRES_IN from '@salesforce/label/c.CoSell_Card_ExpiresIn';
import EXPIRES_TODAY from '@salesforce/label/c.CoSell_Card_ExpiresToday';
import HELP_NEEDED from '@salesforce/label/c.CoSell_Card_HelpNeeded';
import HELP_NONE from '@salesforce/label/c.CoSell_Card_HelpNone';
import HELP_SAVED from '@salesforce/label/c.CoSell_Card_HelpSaved';
import HELP_SAVE_FAILED from '@salesforce/label/c.CoSell_Card_HelpSaveFailed';
import LAST_ERROR from '@salesforce/label/c.CoSell_Card_LastError';
import LAST_SYNCED from '@salesforce/label/c.CoSell_Card_LastSynced';
import LIVE_OFF from '@salesforce/label/c.CoSell_Card_LiveOff';
import LOAD_ERROR from '@salesforce/label/c.CoSell_Card_LoadError';
import LOADING from '@salesforce/label/c.CoSell_Common_Loading';
import NO_SOLUTIONS from '@salesforce/label/c.CoSell_Card_NoSolutions';
import NO_SOLUTIONS_FOUND from '@salesforce/label/c.CoSell_Card_NoSolutionsFound';
import NOT_SET from '@salesforce/label/c.CoSell_Card_NotSet';
import OPEN_IN_PARTNER_CENTER from '@salesforce/label/c.CoSell_Card_OpenInPartnerCenter';
import PC_STATUS from '@salesforce/label/c.CoSell_Card_PcStatus';
import PC_SUBSTATUS from '@salesforce/label/c.CoSell_Card_PcSubstatus';
import PREVIEW_FAILED from '@salesforce/label/c.CoSell_Card_PreviewFailed';
import READ_ONLY from '@salesforce/label/c.CoSell_Card_ReadOnly';
import REFERRAL from '@salesforce/label/c.CoSell_Card_Referral';
import REFERRAL_ID from '@salesforce/label/c.CoSell_Card_ReferralId';
import REFRESH from '@salesforce/label/c.CoSell_Card_Refresh';
import REMOVE_SOLUTION from '@salesforce/label/c.CoSell_Card_RemoveSolution';
import RETRY_FAILED from '@salesforce/label/c.CoSell_Card_RetryFailed';
import RETRY_QUEUED from '@salesforce/label/c.CoSell_Card_RetryQueued';
import SEARCH from '@salesforce/label/c.CoSell_Card_Search';
import SEARCH_FAILED from '@salesforce/label/c.CoSell_Card_SearchFailed';
import SHARED from '@salesforce/label/c.CoSell_Card_Shared';
import SHARE_CONFIRM from '@salesforce/label/c.CoSell_Card_Share_Confirm';
import SHARE_FAILED from '@salesforce/label/c.CoSell_Card_ShareFailed';
import SHARE_PAYLOAD from '@salesforce/label/c.CoSell_Card_Share_Payload';
import SHARE_PROBLEMS from '@salesforce/label/c.CoSell_Card_Share_Problems';
import SHARE_READY from '@salesforce/label/c.CoSell_Card_Share_Ready';
import SHARE_TITLE from '@salesforce/label/c.CoSell_Card_Share_Title';
import SOLUTION_ADDED from '@salesforce/label/c.CoSell_Card_SolutionAdded';
import SOLUTION_FAILED from '@salesforce/label/c.CoSell_Card_SolutionFailed';
import SOLUTION_REMOVED from '@salesforce/label/c.CoSell_Card_SolutionRemoved';
import SOLUTION_SEARCH from '@salesforce/label/c.CoSell_Card_SolutionSearch';
import SOLUTION_SEARCH_PLACEHOLDER from '@salesforce/label/c.CoSell_Card_SolutionSearchPlaceholder';
import SOLUTIONS from '@salesforce/label/c.CoSell_Card_Solutions';
import STATUS_AUTH_BLOCKED from '@salesforce/label/c.CoSell_Card_Status_AuthBlocked';
import STATUS_CONFLICT from '@salesforce/label/c.CoSell_Card_Status_Conflict';
import STATUS_ERROR from '@salesforce/label/c.CoSell_Card_Status_Error';
import STATUS_NOT_SHARED from '@salesforce/label/c.CoSell_Card_Status_NotShared';
import STATUS_PENDING from '@salesforce/label/c.CoSell_Card_Status_Pending';
import STATUS_SYNCED from '@salesforce/label/c.CoSell_Card_Status_Synced';
import STATUS_HELP_AUTH_BLOCKED from '@salesforce/label/c.CoSell_Card_StatusHelp_AuthBlocked';
import STATUS_HELP_CONFLICT from '@salesforce/label/c.CoSell_Card_StatusHelp_Conflict';
import STATUS_HELP_ERROR from '@salesforce/label/c.CoSell_Card_StatusHelp_Error';
import STATUS_HELP_NOT_SHARED from '@salesforce/label/c.CoSell_Card_StatusHelp_NotShared';
import STATUS_HELP_PENDING from '@salesforce/label/c.CoSell_Card_StatusHelp_Pending';
import STATUS_HELP_SYNCED from '@salesforce/label/c.CoSell_Card_StatusHelp_Synced';
import STATUS_REASON from '@salesforce/label/c.CoSell_Card_StatusReason';
import SUCCESS from '@salesforce/label/c.CoSell_Common_Success';
import SYNC_FAILED from '@salesforce/label/c.CoSell_Card_SyncFailed';
import SYNC_QUEUED from '@salesforce/label/c.CoSell_Card_SyncQueued';
import SYNC_STATUS from '@salesforce/label/c.CoSell_Card_SyncStatus';
import TIMELINE from '@salesforce/label/c.CoSell_Card_Timeline';
import TIMELINE_AFTER from '@salesforce/label/c.CoSell_Card_Timeline_After';
import TIMELINE_BEFORE from '@salesforce/label/c.CoSell_Card_Timeline_Before';
import TIMELINE_EMPTY from '@salesforce/label/c.CoSell_Card_TimelineEmpty';
import TIMELINE_HTTP from '@salesforce/label/c.CoSell_Card_Timeline_Http';
import TIMELINE_INBOUND from '@salesforce/label/c.CoSell_Card_Timeline_Inbound';
import TIMELINE_OUTBOUND from '@salesforce/label/c.CoSell_Card_Timeline_Outbound';
import TITLE from '@salesforce/label/c.CoSell_Card_Title';
import UNKNOWN_ERROR from '@salesforce/label/c.CoSell_Common_UnknownError';
import UPDATED from '@salesforce/label/c.CoSell_Card_Updated';
import WORKING from '@salesforce/label/c.CoSell_Common_Working';

export const LABELS = {
    ACTION_ACCEPT,
    ACTION_DECLINE,
    ACTION_RESOLVE_CONFLICT,
    ACTION_RETRY,
    ACTION_SHARE,
    ACTION_SYNC_NOW,
    ACCEPTED,
    ACCEPT_FAILED,
    ACTIONS,
    ADD_NEW_SOLUTION,
    ADD_SOLUTION,
    AS_SENT,
    CANCEL,
    CLOSE_DATE,
    CONFLICT_FAILED,
    CONFLICT_FIELD,
    CONFLICT_INTRO,
    CONFLICT_KEEP_OURS,
    CONFLICT_NO_DETAIL,
    CONFLICT_OURS,
    CONFLICT_RESOLVED,
    CONFLICT_TAKE_THEIRS,
    CONFLICT_THEIRS,
    CONFLICT_TITLE,
    CURRENCY,
    DEAL_VALUE,
    DECLINED,
    DECLINE_CONFIRM,
    DECLINE_FAILED,
    DECLINE_REASON,
    DECLINE_REASON_HELP,
    DECLINE_REASON_REQUIRED,
    DECLINE_TITLE,
    DIRECTION,
    DIRECTION_INCOMING,
    DIRECTION_OUTGOING,
    EXPIRED,
    EXPIRES_IN,
    EXPIRES_TODAY,
    HELP_NEEDED,
    HELP_NONE,
    HELP_SAVED,
    HELP_SAVE_FAILED,
    LAST_ERROR,
    LAST_SYNCED,
    LIVE_OFF,
    LOAD_ERROR,
    LOADING,
    NO_SOLUTIONS,
    NO_SOLUTIONS_FOUND,
    NOT_SET,
    OPEN_IN_PARTNER_CENTER,
    PC_STATUS,
    PC_SUBSTATUS,
    PREVIEW_FAILED,
    READ_ONLY,
    REFERRAL,
    REFERRAL_ID,
    REFRESH,
    REMOVE_SOLUTION,
    RETRY_FAILED,
    RETRY_QUEUED,
    SEARCH,
    SEARCH_FAILED,
    SHARED,
    SHARE_CONFIRM,
    SHARE_FAILED,
    SHARE_PAYLOAD,
    SHARE_PROBLEMS,
    SHARE_READY,
    SHARE_TITLE,
    SOLUTION_ADDED,
    SOLUTION_FAILED,
    SOLUTION_REMOVED,
    SOLUTION_SEARCH,
    SOLUTION_SEARCH_PLACEHOLDER,
    SOLUTIONS,
    STATUS_AUTH_BLOCKED,
    STATUS_CONFLICT,
    STATUS_ERROR,
    STATUS_NOT_SHARED,
    STATUS_PENDING,
    STATUS_SYNCED,
    STATUS_HELP_AUTH_BLOCKED,
    STATUS_HELP_CONFLICT,
    STATUS_HELP_ERROR,
    STATUS_HELP_NOT_SHARED,
    STATUS_HELP_PENDING,
    STATUS_HELP_SYNCED,
    STATUS_REASON,
    SUCCESS,
    SYNC_FAILED,
    SYNC_QUEUED,
    SYNC_STATUS,
    TIMELINE,
    TIMELINE_AFTER,
    TIMELINE_BEFORE,
    TIMELINE_EMPTY,
    TIMELINE_HTTP,
    TIMELINE_INBOUND,
    TIMELINE_OUTBOUND,
    TITLE,
    UNKNOWN_ERROR,
    UPDATED,
    WORKING
} as const;
