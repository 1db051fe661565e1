/* SPDX-License-Identifier: BSD-2-Clause */
#include "rtr_log.h"

RTE_LOG_REGISTER(rtr_logtype_app, rtr.app, INFO);
RTE_LOG_REGISTER(rtr_logtype_cfg, rtr.cfg, INFO);
RTE_LOG_REGISTER(rtr_logtype_ctl, rtr.ctl, INFO);
RTE_LOG_REGISTER(rtr_logtype_carp, rtr.carp, INFO);
RTE_LOG_REGISTER(rtr_logtype_ifs, rtr.ifs, INFO);

void rtr_log_set_level(unsigned int level)
{
	rte_log_set_level_pattern("rtr.*", level);
}
